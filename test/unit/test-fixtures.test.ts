// The shared test fixtures clean up after themselves: a folder or database made in one test is gone
// in the next (tests in a file run in order), and a seeded conversation is real rows.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { HistoryDatabase } from '../../src/main/db/database'
import { listConversations } from '../../src/main/history/conversations'
import { listMessages } from '../../src/main/history/messages'
import { freshDatabase, reopenDatabase, seedConversation } from '../fixtures/history'
import { tempDir } from '../fixtures/temp'

const fileLevel = tempDir('fixtures-file-')

describe('tempDir', () => {
  let folder = ''
  it('makes a folder under the OS temp dir', () => {
    folder = tempDir('fixtures-temp-')
    expect(existsSync(folder)).toBe(true)
  })
  it('has removed it once that test finished; one made outside a test lasts for the file', () => {
    expect(folder).not.toBe('')
    expect(existsSync(folder)).toBe(false)
    expect(existsSync(fileLevel)).toBe(true)
  })
})

describe('freshDatabase', () => {
  let opened: { db: HistoryDatabase; file: string; dir: string } | undefined
  let reopened: HistoryDatabase | undefined
  it('opens an empty history file with the app schema', () => {
    opened = freshDatabase()
    expect(listConversations(opened.db, { limit: 10 }).conversations).toEqual([])
    opened.db.close()
    reopened = reopenDatabase(opened.file)
    expect(existsSync(opened.file)).toBe(true)
  })
  it('has closed both handles and removed the folder once that test finished', () => {
    expect(opened?.db.open).toBe(false)
    expect(reopened?.open).toBe(false)
    expect(existsSync(opened!.dir)).toBe(false)
  })
})

describe('seedConversation', () => {
  it('writes the conversation and its messages through the history module', () => {
    const { db, file } = freshDatabase()
    const seeded = seedConversation(db, {
      title: 'Trip plan',
      model: 'glm-4-7-251222',
      now: 5,
      messages: [
        { content: 'Where to?' },
        { role: 'assistant', content: 'Kyoto.', model: 'glm-4-7-251222', now: 6 }
      ]
    })
    db.close()
    const again = reopenDatabase(file)
    expect(listConversations(again, { limit: 10 }).conversations).toMatchObject([
      { id: seeded.conversation.id, title: 'Trip plan', model: 'glm-4-7-251222', updatedAt: 5 }
    ])
    expect(
      listMessages(again, seeded.conversation.id).map((m) => [
        m.role,
        m.content,
        m.status,
        m.model,
        m.createdAt
      ])
    ).toEqual([
      ['user', 'Where to?', 'done', null, 5],
      ['assistant', 'Kyoto.', 'done', 'glm-4-7-251222', 6]
    ])
  })
})
