// Request building on its own: parameters a model refuses, the last turns, the system prompt, the
// turns taken from the message tree, and the body size estimate. A real SQLite history file and
// a real attachment store on disk; the wire itself is in chat-params.test.ts.
import { describe, expect, it } from 'vitest'
import { AttachmentStore } from '../../../src/main/attachments/store'
import type { HistoryTurn } from '../../../src/main/attachments/context'
import {
  buildChatRequest,
  checkParams,
  conversationTurns,
  lastTurns,
  withSystemPrompt
} from '../../../src/main/chat/request'
import { AppError } from '../../../src/main/errors'
import * as messages from '../../../src/main/history/messages'
import { catalogModel, findModel, modelInfo } from '../../../src/shared/models'
import { freshDatabase, seedConversation } from '../../fixtures/history'
import { tempDir } from '../../fixtures/temp'

const SEED = findModel('doubao-seed-1-6-251015')!
const GLM = findModel('glm-4-7-251222')!
/** A model not in the list: text only, no thinking switch. */
const OTHER = catalogModel('some-other-model')

function refusal(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('not refused')
}

const turn = (
  messageId: number,
  role: 'user' | 'assistant',
  text = `t${messageId}`
): HistoryTurn => ({
  messageId,
  role,
  text,
  attachments: []
})

describe('checkParams', () => {
  it('lets through what the model takes', () => {
    expect(() => checkParams({}, SEED)).not.toThrow()
    expect(() => checkParams({ thinking: 'enabled', reasoningEffort: 'high' }, SEED)).not.toThrow()
  })

  it('refuses the thinking switch on a model without it, naming the model and the field', () => {
    const error = refusal(() => checkParams({ thinking: 'enabled' }, OTHER))
    expect(error.code).toBe('unsupported_param')
    expect(error.message).toBe(`${OTHER.id} does not take the thinking switch.`)
    expect(error.reason).toBe('thinking_not_supported')
    expect(error.params).toEqual({ field: 'thinking', model: OTHER.id })
  })

  it('refuses an effort on a model without one', () => {
    const error = refusal(() => checkParams({ reasoningEffort: 'low' }, GLM))
    expect(error.message).toBe(`${GLM.id} does not take a reasoning effort.`)
    expect(error.reason).toBe('effort_not_supported')
    expect(error.params).toEqual({ field: 'reasoningEffort', model: GLM.id })
  })

  it('refuses an effort other than minimal with thinking off', () => {
    const error = refusal(() => checkParams({ thinking: 'disabled', reasoningEffort: 'low' }, SEED))
    expect(error.message).toBe('With thinking off, the reasoning effort can only be minimal.')
    expect(error.reason).toBe('effort_needs_minimal_without_thinking')
  })
})

describe('lastTurns', () => {
  const turns = [
    turn(1, 'user'),
    turn(2, 'assistant'),
    turn(3, 'user'),
    turn(4, 'assistant'),
    turn(5, 'user')
  ]

  it('keeps every turn without a limit', () => {
    expect(lastTurns(turns, undefined)).toBe(turns)
  })

  it('keeps the question being answered and the last N questions with their answers', () => {
    expect(lastTurns(turns, 1).map((t) => t.messageId)).toEqual([3, 4, 5])
    expect(lastTurns(turns, 2).map((t) => t.messageId)).toEqual([1, 2, 3, 4, 5])
  })

  it('keeps everything when there are fewer questions than the limit', () => {
    expect(lastTurns(turns, 5).map((t) => t.messageId)).toEqual([1, 2, 3, 4, 5])
    expect(lastTurns([turn(9, 'user')], 1).map((t) => t.messageId)).toEqual([9])
  })

  it('counts questions only, not answers', () => {
    const answers = [turn(1, 'user'), turn(2, 'assistant'), turn(3, 'assistant'), turn(4, 'user')]
    expect(lastTurns(answers, 1).map((t) => t.messageId)).toEqual([1, 2, 3, 4])
  })
})

describe('withSystemPrompt', () => {
  const history = [{ role: 'user' as const, content: 'hi' }]

  it('puts the system prompt first', () => {
    expect(withSystemPrompt(history, { systemPrompt: 'Be brief.' })).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' }
    ])
  })

  it('leaves the messages alone without one', () => {
    expect(withSystemPrompt(history, {})).toBe(history)
  })
})

describe('conversationTurns', () => {
  it('takes the path to the leaf, leaving out failed and empty replies, never reasoning', () => {
    const { db } = freshDatabase('request-')
    const { conversation, messages: written } = seedConversation(db, {
      messages: [
        { content: 'First question' },
        { role: 'assistant', content: 'Failed half', status: 'error' },
        { content: 'Second question' },
        { role: 'assistant', content: '', status: 'stopped' },
        { content: 'Third question' },
        { role: 'assistant', content: 'An answer' }
      ]
    })
    const turns = conversationTurns(db, conversation.id)
    expect(turns).toEqual([
      { messageId: written[0].id, role: 'user', text: 'First question', attachments: [] },
      { messageId: written[2].id, role: 'user', text: 'Second question', attachments: [] },
      { messageId: written[4].id, role: 'user', text: 'Third question', attachments: [] },
      { messageId: written[5].id, role: 'assistant', text: 'An answer', attachments: [] }
    ])
    // Through an earlier message: the path to it only.
    expect(conversationTurns(db, conversation.id, written[2].id).map((t) => t.text)).toEqual([
      'First question',
      'Second question'
    ])
    // An empty question is still a question.
    const empty = messages.insertMessage(db, {
      conversationId: conversation.id,
      role: 'user',
      content: '',
      status: 'done',
      model: null,
      now: 1
    })
    expect(conversationTurns(db, conversation.id).at(-1)).toMatchObject({
      messageId: empty.id,
      text: ''
    })
  })
})

describe('buildChatRequest', () => {
  const store = () => ({
    store: new AttachmentStore(tempDir('request-store-')),
    modelFor: (id: string) => modelInfo(id),
    // No image here holds text: an image for GLM is refused for that.
    imageText: { readImageText: async () => '' }
  })
  const turns = [
    turn(1, 'user', 'Old question'),
    turn(2, 'assistant', 'Old answer'),
    turn(3, 'user', 'Q2'),
    turn(4, 'assistant', 'A2'),
    turn(5, 'user', 'héllo')
  ]

  it('sends the last turns, the system prompt first, the fields by their API names', async () => {
    const built = await buildChatRequest(store(), turns, SEED.id, {
      systemPrompt: 'Réponds.',
      historyTurns: 1,
      temperature: 0.5
    })
    expect(built.messages).toEqual([
      { role: 'system', content: 'Réponds.' },
      { role: 'user', content: 'Q2' },
      { role: 'assistant', content: 'A2' },
      { role: 'user', content: 'héllo' }
    ])
    expect(built.fields).toEqual({ temperature: 0.5 })
    expect(built.leftOut).toEqual([])
    const plain = await buildChatRequest(store(), turns, SEED.id, { historyTurns: 1 })
    // The system prompt's bytes (UTF-8) are counted in the body.
    expect(built.bodyBytes - plain.bodyBytes).toBe(Buffer.byteLength('Réponds.'))
    expect(plain.bodyBytes).toBeGreaterThan(Buffer.byteLength('héllo'))
  })

  it('refuses parameters the model does not take before building anything', async () => {
    await expect(
      buildChatRequest(store(), turns, GLM.id, { reasoningEffort: 'high' })
    ).rejects.toMatchObject({ code: 'unsupported_param', reason: 'effort_not_supported' })
  })

  it("refuses a message whose attachments the model cannot take, with the policy's reason", async () => {
    const withVideo: HistoryTurn = {
      ...turn(3, 'user'),
      attachments: [
        {
          messageId: 3,
          ordinal: 0,
          sha256: 'b'.repeat(64),
          kind: 'video',
          name: 'clip.mp4',
          mime: 'video/mp4',
          bytes: 10,
          width: 2,
          height: 2,
          durationSeconds: 1,
          fps: 1
        }
      ]
    }
    await expect(buildChatRequest(store(), [withVideo], GLM.id, {})).rejects.toMatchObject({
      code: 'attachment_refused',
      reason: 'model_no_video',
      params: { model: GLM.id }
    })
    const withImage: HistoryTurn = {
      ...turn(3, 'user'),
      attachments: [
        {
          messageId: 3,
          ordinal: 0,
          sha256: 'a'.repeat(64),
          kind: 'image',
          name: 'shot.png',
          mime: 'image/png',
          bytes: 10,
          width: 2,
          height: 2,
          durationSeconds: null,
          fps: null
        }
      ]
    }
    // An image goes to GLM as its text; this one has none.
    await expect(buildChatRequest(store(), [withImage], GLM.id, {})).rejects.toMatchObject({
      code: 'attachment_refused',
      reason: 'image_no_text',
      params: { model: GLM.id, name: 'shot.png' }
    })
  })
})
