// The request policy's arithmetic, exactly: the estimate against a body actually serialised, the
// limit's edge, what a left-out attachment reports, and the refusal's words and numbers.
import { describe, expect, it } from 'vitest'
import {
  checkModelTakes,
  leftOutForModel,
  planContext,
  type PlannedAttachment,
  type PlannedTurn
} from '../../../src/main/attachments/policy'
import { modelsThatTake } from '../../../src/shared/attachments/limits'
import type { LeftOutAttachment } from '../../../src/shared/types'
import { findModel } from '../../../src/shared/models'

function attachment(messageId: number, ordinal: number, jsonBytes: number): PlannedAttachment {
  return {
    messageId,
    ordinal,
    sha256: `${messageId}${ordinal}`.padEnd(64, 'f'),
    name: `file-${messageId}-${ordinal}.png`,
    kind: ordinal % 2 ? 'video' : 'image',
    jsonBytes
  }
}

/** A part whose JSON is exactly `bytes` long. */
function partOf(bytes: number): unknown {
  const empty = JSON.stringify({ p: '' }).length
  return { p: 'x'.repeat(bytes - empty) }
}

/** The body as it would be sent: text first, then the parts; plain text stays a string. */
function realBody(turns: PlannedTurn[]): string {
  return JSON.stringify({
    model: 'm',
    messages: turns.map((turn) =>
      turn.attachments.length === 0
        ? { role: turn.role, content: turn.text }
        : {
            role: turn.role,
            content: [
              { type: 'text', text: turn.text },
              ...turn.attachments.map((a) => partOf(a.jsonBytes))
            ]
          }
    )
  })
}

const OTHER = Buffer.byteLength(JSON.stringify({ model: 'm', messages: [] }))

describe('the body estimate', () => {
  it('is the serialised body, one byte over at most', () => {
    const turns: PlannedTurn[] = [
      {
        messageId: 1,
        role: 'user',
        text: 'Voilà «ça»',
        attachments: [attachment(1, 0, 120), attachment(1, 1, 75)]
      },
      { messageId: 2, role: 'assistant', text: 'Réponse', attachments: [] },
      { messageId: 3, role: 'user', text: '帮我看看', attachments: [attachment(3, 0, 300)] }
    ]
    const plan = planContext(turns, { otherBodyBytes: OTHER })
    if (!plan.ok) throw new Error(plan.error.message)
    expect(plan.value.bodyBytes).toBe(Buffer.byteLength(realBody(turns)) + 1)
    expect(plan.value.turns).toEqual(turns)
    expect(plan.value.turns[0]).not.toBe(turns[0])
  })

  it('counts 4 kB for the rest of the body unless told', () => {
    const turns: PlannedTurn[] = [{ messageId: 1, role: 'user', text: 'hi', attachments: [] }]
    const told = planContext(turns, { otherBodyBytes: 0 })
    const untold = planContext(turns)
    if (!told.ok || !untold.ok) throw new Error('refused')
    expect(untold.value.bodyBytes - told.value.bodyBytes).toBe(4096)
  })
})

describe('the limit', () => {
  const turns: PlannedTurn[] = [
    {
      messageId: 1,
      role: 'user',
      text: 'a',
      attachments: [attachment(1, 0, 500), attachment(1, 1, 400)]
    },
    { messageId: 2, role: 'assistant', text: 'b', attachments: [] },
    { messageId: 3, role: 'user', text: 'c', attachments: [attachment(3, 0, 100)] }
  ]
  const all = planContext(turns, { otherBodyBytes: 0 })
  if (!all.ok) throw new Error('refused')
  const full = all.value.bodyBytes

  it('takes a body exactly at the limit whole', () => {
    expect(planContext(turns, { otherBodyBytes: 0, maxBodyBytes: full })).toMatchObject({
      ok: true,
      value: { leftOut: [], bodyBytes: full }
    })
  })

  it('one byte over, leaves out the oldest attachment, and reports all it says about it', () => {
    const plan = planContext(turns, { otherBodyBytes: 0, maxBodyBytes: full - 1 })
    if (!plan.ok) throw new Error(plan.error.message)
    expect(plan.value.leftOut).toEqual([
      {
        messageId: 1,
        ordinal: 0,
        sha256: '10'.padEnd(64, 'f'),
        name: 'file-1-0.png',
        kind: 'image',
        reason: 'request_size'
      }
    ])
    expect(plan.value.bodyBytes).toBe(full - 501)
    expect(plan.value.turns[0].attachments.map((a) => a.ordinal)).toEqual([1])
    // Exactly at the limit once one is left out: only that one.
    const exact = planContext(turns, { otherBodyBytes: 0, maxBodyBytes: full - 501 })
    if (!exact.ok) throw new Error(exact.error.message)
    expect(exact.value.leftOut.map((a) => a.ordinal)).toEqual([0])
    expect(exact.value.bodyBytes).toBe(full - 501)
  })

  it('reports what was left out before with the rest, by message then position', () => {
    const before: LeftOutAttachment[] = [
      {
        messageId: 2,
        ordinal: 1,
        sha256: 'b'.repeat(64),
        name: 'gone.mp4',
        kind: 'video',
        reason: 'missing'
      },
      {
        messageId: 2,
        ordinal: 0,
        sha256: 'a'.repeat(64),
        name: 'no.png',
        kind: 'image',
        reason: 'model'
      }
    ]
    const plan = planContext(turns, {
      otherBodyBytes: 0,
      maxBodyBytes: full - 600,
      alreadyLeftOut: before
    })
    if (!plan.ok) throw new Error(plan.error.message)
    expect(plan.value.leftOut.map((a) => [a.messageId, a.ordinal, a.reason])).toEqual([
      [1, 0, 'request_size'],
      [1, 1, 'request_size'],
      [2, 0, 'model'],
      [2, 1, 'missing']
    ])
  })

  it('refuses, with the sizes in words and numbers, when the message being sent alone does not fit', () => {
    const plan = planContext(turns, { otherBodyBytes: 0, maxBodyBytes: 50 })
    if (plan.ok) throw new Error('not refused')
    // Every earlier attachment left out: the first message is plain text again.
    const bare = planContext([{ ...turns[0], attachments: [] }, turns[1], turns[2]], {
      otherBodyBytes: 0
    })
    if (!bare.ok) throw new Error('refused')
    const rest = bare.value.bodyBytes
    expect(plan.error.code).toBe('request_too_large')
    expect(plan.error.params).toEqual({ bytes: rest, attachmentBytes: 100, limit: 50 })
    expect(plan.error.message).toMatch(
      /^This message's attachments come to .+ encoded, and the request would be .+; a request takes at most .+\. Remove an attachment or send it in a message of its own\.$/
    )
  })
})

describe('models and what they take', () => {
  const glm = findModel('glm-4-7-251222')!
  const pro = findModel('doubao-seed-2.0-pro')!

  it('names the models that take the kind, in words and as a parameter', () => {
    const refusal = checkModelTakes(glm, ['video'])
    if (!refusal || refusal.ok) throw new Error('not refused')
    const models = modelsThatTake('video')
    expect(models.length).toBeGreaterThan(1)
    expect(refusal.error.message).toBe(
      `glm-4-7-251222 does not take videos; this message has one. Switch to a model that does: ${models.join(', ')}.`
    )
    expect(refusal.error.params).toEqual({ model: 'glm-4-7-251222', models: models.join(', ') })
  })

  it('keeps the attachments a model takes', () => {
    const turns: PlannedTurn[] = [
      {
        messageId: 1,
        role: 'user',
        text: 'a',
        attachments: [attachment(1, 0, 10), attachment(1, 1, 10)]
      }
    ]
    expect(leftOutForModel(turns, pro)).toEqual({ turns, leftOut: [] })
  })
})
