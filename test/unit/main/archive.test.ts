// Archive: real SQLite files through the history's own modules and the archive's requests.
import { describe, expect, it } from 'vitest'
import type { EventName } from '../../../src/shared/contract'
import * as conversations from '../../../src/main/history/conversations'
import { archiveHandlers } from '../../../src/main/history/archiveHandlers'
import { parseExport } from '../../../src/main/history/exportFile'
import { searchMessages } from '../../../src/main/history/search'
import { exportAll, importAll } from '../../../src/main/history/transfer'
import { freshDatabase, seedConversation } from '../../fixtures/history'

const DAY = 86_400_000
const listedIds = (db: Parameters<typeof conversations.listConversations>[0]) =>
  conversations.listConversations(db, { limit: 100 }).conversations.map((c) => c.id)

describe('archiving a conversation', () => {
  it('takes it off the list, out of search unless asked, and back again', async () => {
    const { db } = freshDatabase('archive-')
    const kept = seedConversation(db, { title: 'Kept', messages: [{ content: 'walrus one' }] })
    const gone = seedConversation(db, {
      title: 'Walrus trip',
      messages: [{ content: 'walrus two' }]
    })
    const pinned = seedConversation(db, {
      title: 'Pinned',
      messages: [{ content: 'walrus three' }]
    })
    conversations.setConversationPinned(db, pinned.conversation.id, true, 1)
    const events: Array<[EventName, unknown]> = []
    const handlers = archiveHandlers(db, (name, payload) => events.push([name, payload]))

    const archived = await handlers.setConversationArchived({
      id: gone.conversation.id,
      archived: true
    })
    expect(archived).toMatchObject({ id: gone.conversation.id, archived: true })
    expect(events).toEqual([['archiveChanged', { conversation: archived }]])
    await handlers.setConversationArchived({ id: pinned.conversation.id, archived: true })
    // Pinned or not, an archived conversation is off the list, and on the archived one.
    expect(listedIds(db)).toEqual([kept.conversation.id])
    expect((await handlers.listArchivedConversations(undefined)).map((c) => c.id).sort()).toEqual(
      [gone.conversation.id, pinned.conversation.id].sort()
    )

    const hitsIn = (archivedToo?: boolean) =>
      searchMessages(db, {
        query: 'walrus',
        ...(archivedToo === undefined ? {} : { archived: archivedToo })
      }).results.map((hit) => [hit.conversationId, hit.field, hit.archived])
    expect(hitsIn()).toEqual([[kept.conversation.id, 'content', false]])
    expect(hitsIn(false)).toEqual(hitsIn())
    expect(hitsIn(true)).toEqual([
      [pinned.conversation.id, 'content', true],
      [gone.conversation.id, 'title', true],
      [gone.conversation.id, 'content', true],
      [kept.conversation.id, 'content', false]
    ])

    // Archiving twice keeps the first time; unarchiving brings it back where it was.
    const at = () =>
      db
        .prepare('SELECT archived_at FROM conversations WHERE id = ?')
        .pluck()
        .get(gone.conversation.id)
    const first = at()
    await handlers.setConversationArchived({ id: gone.conversation.id, archived: true })
    expect(at()).toBe(first)
    const back = await handlers.setConversationArchived({
      id: gone.conversation.id,
      archived: false
    })
    expect(back.archived).toBe(false)
    expect(at()).toBeNull()
    expect(listedIds(db)).toEqual([gone.conversation.id, kept.conversation.id])
    expect(hitsIn().map(([id]) => id)).toContain(gone.conversation.id)

    await expect(
      handlers.setConversationArchived({ id: 999, archived: true })
    ).rejects.toMatchObject({
      code: 'not_found'
    })
  })

  it('archives exactly the conversations last active before a date, pinned ones excepted', async () => {
    const { db } = freshDatabase('archive-older-')
    const now = Date.UTC(2026, 0, 31)
    const ages = [40, 31, 30, 29, 1] // days before now
    const seeded = ages.map((age) =>
      seedConversation(db, {
        title: `${age} days`,
        now: now - age * DAY,
        messages: [{ content: 'x' }]
      })
    )
    conversations.setConversationPinned(db, seeded[0].conversation.id, true, now)
    const events: EventName[] = []
    const handlers = archiveHandlers(db, (name) => events.push(name))
    const before = now - 30 * DAY // strictly older than 30 days: 31 only (40 is pinned)
    expect(await handlers.archiveOlderThan({ before, dryRun: true })).toEqual({ count: 1 })
    expect(events).toEqual([])
    expect(listedIds(db)).toHaveLength(5)
    expect(await handlers.archiveOlderThan({ before })).toEqual({ count: 1 })
    expect(events).toEqual(['archiveChanged'])
    expect((await handlers.listArchivedConversations(undefined)).map((c) => c.title)).toEqual([
      '31 days'
    ])
    // Already archived ones are not counted again; a later date takes the next ones.
    expect(await handlers.archiveOlderThan({ before })).toEqual({ count: 0 })
    expect(events).toEqual(['archiveChanged'])
    expect(await handlers.archiveOlderThan({ before: now - DAY / 2, dryRun: true })).toEqual({
      count: 3
    })
    expect(await handlers.archiveOlderThan({ before: now - DAY / 2 })).toEqual({ count: 3 })
    expect(listedIds(db)).toEqual([seeded[0].conversation.id])
  })
})

describe('export and import', () => {
  it('carry the archived state and its time', () => {
    const { db } = freshDatabase('archive-export-')
    const a = seedConversation(db, { title: 'Archived one', messages: [{ content: 'hello' }] })
    seedConversation(db, { title: 'Listed one', messages: [{ content: 'hello' }] })
    conversations.setConversationArchived(db, a.conversation.id, true, 12_345)
    const file = parseExport(exportAll(db).text)
    expect(file.conversations.map((c) => [c.title, c.archivedAt])).toEqual([
      ['Archived one', 12_345],
      ['Listed one', null]
    ])

    const { db: other } = freshDatabase('archive-import-')
    expect(importAll(other, file).conversationsAdded).toBe(2)
    expect(
      conversations.listConversations(other, { limit: 10 }).conversations.map((c) => c.title)
    ).toEqual(['Listed one'])
    expect(conversations.listArchivedConversations(other).map((c) => c.title)).toEqual([
      'Archived one'
    ])
    expect(
      other
        .prepare('SELECT archived_at FROM conversations WHERE archived_at IS NOT NULL')
        .pluck()
        .all()
    ).toEqual([12_345])

    // An export made before archiving existed (no archivedAt) imports as not archived.
    const old = parseExport(
      JSON.stringify({
        ...file,
        conversations: file.conversations.map(({ archivedAt: _at, ...c }) => ({
          ...c,
          uid: `${c.uid}-old`
        }))
      })
    )
    const { db: third } = freshDatabase('archive-import-old-')
    importAll(third, old)
    expect(conversations.listArchivedConversations(third)).toEqual([])
  })
})
