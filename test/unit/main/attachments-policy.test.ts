import { describe, expect, it } from 'vitest'
import { partJSONBytes, userContent, imagePart } from '../../../src/main/attachments/parts'
import {
  checkModelTakes,
  leftOutForModel,
  planContext,
  type PlannedAttachment,
  type PlannedTurn
} from '../../../src/main/attachments/policy'
import { findModel } from '../../../src/shared/models'

const MB = 1_000_000
const seed20 = findModel('doubao-seed-2.0-pro')!
const glm = findModel('glm-4-7-251222')!

function turn(
  messageId: number,
  role: 'user' | 'assistant',
  sizes: number[] = [],
  kind: 'image' | 'video' = 'image'
): PlannedTurn {
  const attachments: PlannedAttachment[] = sizes.map((jsonBytes, ordinal) => ({
    messageId,
    ordinal,
    sha256: String(messageId).padStart(2, '0').repeat(32),
    name: `m${messageId}-${ordinal}.png`,
    kind,
    jsonBytes
  }))
  return { messageId, role, text: `message ${messageId}`, attachments }
}

describe('the 64 MB request policy', () => {
  it('sends everything when it fits', () => {
    const plan = planContext([
      turn(1, 'user', [9 * MB]),
      turn(2, 'assistant'),
      turn(3, 'user', [9 * MB])
    ])
    expect(plan).toMatchObject({ ok: true, value: { leftOut: [] } })
    expect(plan.ok && plan.value.bodyBytes).toBeGreaterThan(18 * MB)
    expect(plan.ok && plan.value.bodyBytes).toBeLessThan(18 * MB + 8192)
  })

  it('leaves out the oldest attachments until the body is within 64 MB, and says which', () => {
    const turns = [
      turn(1, 'user', [10 * MB, 10 * MB]),
      turn(2, 'assistant'),
      turn(3, 'user', [10 * MB]),
      turn(4, 'assistant'),
      turn(5, 'user', [10 * MB, 10 * MB]),
      turn(6, 'assistant'),
      turn(7, 'user', [10 * MB, 10 * MB]) // the message being sent: 70 MB in all
    ]
    const plan = planContext(turns)
    if (!plan.ok) throw new Error(plan.error.message)
    expect(plan.value.leftOut.map((a) => [a.messageId, a.ordinal, a.reason])).toEqual([
      [1, 0, 'request_size']
    ])
    expect(plan.value.bodyBytes).toBeLessThanOrEqual(64 * MB)
    expect(plan.value.turns[0].attachments.map((a) => a.ordinal)).toEqual([1])
    expect(plan.value.turns.at(-1)!.attachments).toHaveLength(2)

    const tighter = planContext(turns, { maxBodyBytes: 40 * MB })
    if (!tighter.ok) throw new Error(tighter.error.message)
    expect(tighter.value.leftOut.map((a) => `${a.messageId}:${a.ordinal}`)).toEqual([
      '1:0',
      '1:1',
      '3:0',
      '5:0'
    ])
    expect(tighter.value.bodyBytes).toBeLessThanOrEqual(40 * MB)
  })

  it('never drops the attachments of the message being sent: refuses instead', () => {
    const plan = planContext([
      turn(1, 'user', [5 * MB]),
      turn(2, 'assistant'),
      turn(3, 'user', [40 * MB, 30 * MB], 'video')
    ])
    expect(plan).toMatchObject({ ok: false, error: { code: 'request_too_large' } })
  })

  it('counts the rest of the body', () => {
    const turns = [turn(1, 'user', [30 * MB]), turn(2, 'assistant'), turn(3, 'user', [30 * MB])]
    expect(planContext(turns)).toMatchObject({ ok: true, value: { leftOut: [] } })
    expect(planContext(turns, { otherBodyBytes: 5 * MB })).toMatchObject({
      ok: true,
      value: { leftOut: [{ messageId: 1, ordinal: 0 }] }
    })
  })

  it('measures a part exactly as it serialises', () => {
    const bytes = Buffer.alloc(1001, 7)
    const part = imagePart('image/png', bytes, 'xhigh')
    expect(partJSONBytes('image', 'image/png', bytes.length, { detail: 'xhigh' })).toBe(
      JSON.stringify(part).length
    )
  })
})

describe('models without image or video input', () => {
  it('refuses to send an image to GLM, naming models that take images', () => {
    const refusal = checkModelTakes(glm, ['image'])
    expect(refusal).toMatchObject({ ok: false, error: { code: 'model_no_image' } })
    expect(refusal && !refusal.ok && refusal.error.params.models).toContain(
      'doubao-seed-1-6-vision-250815'
    )
    expect(checkModelTakes(glm, ['video'])).toMatchObject({
      ok: false,
      error: { code: 'model_no_video' }
    })
    expect(checkModelTakes(glm, [])).toBeNull()
    expect(checkModelTakes(seed20, ['image', 'video'])).toBeNull()
  })

  it('leaves earlier images out for GLM and reports them, rather than dropping them silently', () => {
    const { turns, leftOut } = leftOutForModel(
      [turn(1, 'user', [MB, MB]), turn(2, 'assistant'), turn(3, 'user')],
      glm
    )
    expect(turns[0].attachments).toEqual([])
    expect(leftOut.map((a) => [a.messageId, a.ordinal, a.reason])).toEqual([
      [1, 0, 'model'],
      [1, 1, 'model']
    ])
  })
})

describe('message content', () => {
  it('puts attachments first, then the text; plain text stays a string', () => {
    const image = imagePart('image/png', Buffer.from([1, 2, 3]), 'high')
    expect(userContent('What is this?', [image])).toEqual([
      image,
      { type: 'text', text: 'What is this?' }
    ])
    expect(userContent('Hello', [])).toBe('Hello')
  })
})
