import { describe, expect, it } from 'vitest'
import {
  contextLevel,
  estimateAttachmentTokens,
  estimatePromptTokens,
  historySent,
  projectFileTokens,
  turnsThatFit
} from '../../../src/renderer/src/lib/promptEstimate'
import { estimateTextTokens } from '../../../src/shared/tokenEstimate'
import { makeAttachment, makeDraft, makeMessage } from './fake-api'

function turn(question: string, answer: string) {
  return [
    makeMessage({ role: 'user', content: question }),
    makeMessage({ role: 'assistant', content: answer })
  ]
}

describe('estimateTextTokens', () => {
  it('counts four Latin characters and one CJK character as a token', () => {
    expect(estimateTextTokens('')).toBe(0)
    expect(estimateTextTokens('abcd')).toBe(1)
    expect(estimateTextTokens('abcde')).toBe(2)
    expect(estimateTextTokens('你好世界')).toBe(4)
    expect(estimateTextTokens('你好，world')).toBe(3 + 2)
    expect(estimateTextTokens('こんにちは')).toBe(5)
    expect(estimateTextTokens('x'.repeat(4000))).toBe(1000)
  })
})

describe('estimateAttachmentTokens', () => {
  it('costs a document by the tokens main measured at attach time, in history by its size', () => {
    const draft = makeDraft({
      kind: 'document',
      name: 'report.pdf',
      bytes: 900_000,
      document: { pages: 12, tokens: 31_337 }
    })
    expect(estimateAttachmentTokens(draft)).toBe(31_337)
    expect(estimateAttachmentTokens(makeAttachment({ kind: 'document', bytes: 4001 }))).toBe(1001)
  })

  it('costs an image by its pixels (at most 4 MP), a video by its frames', () => {
    expect(estimateAttachmentTokens(makeAttachment({ width: 280, height: 280 }))).toBe(100)
    expect(estimateAttachmentTokens(makeAttachment({ width: 8000, height: 6000 }))).toBe(
      Math.ceil(4_000_000 / 784)
    )
    expect(estimateAttachmentTokens(makeAttachment({ width: null, height: null }))).toBe(1000)
    // Going as its text: the tokens of the text part, not of the pixels.
    const asText = makeDraft({
      name: 'a.png',
      width: 2000,
      height: 2000,
      imageText: '数据库连接超时'
    })
    expect(estimateAttachmentTokens(asText)).toBe(
      estimateTextTokens('[Text in image “a.png”]\n数据库连接超时')
    )
    expect(estimateAttachmentTokens(asText)).toBeLessThan(30)
    expect(
      estimateAttachmentTokens(makeAttachment({ kind: 'video', durationSeconds: 60, fps: 2 }))
    ).toBe(120 * 256)
    // A short video still costs the minimum 16 frames; a draft uses the frames main computed.
    expect(
      estimateAttachmentTokens(makeAttachment({ kind: 'video', durationSeconds: 3, fps: 1 }))
    ).toBe(16 * 256)
    expect(estimateAttachmentTokens(makeDraft({ kind: 'video' }))).toBe(16 * 256)
  })
})

describe('historySent', () => {
  const messages = [...turn('q1', 'a1'), ...turn('q2', 'a2'), ...turn('q3', 'a3')]

  it('sends all, or from the question N turns back', () => {
    expect(historySent(messages, undefined)).toEqual(messages)
    expect(historySent(messages, 1).map((m) => m.content)).toEqual(['q3', 'a3'])
    expect(historySent(messages, 2).map((m) => m.content)).toEqual(['q2', 'a2', 'q3', 'a3'])
    expect(historySent(messages, 10)).toEqual(messages)
  })

  it('leaves out replies with no text (failed) and the one streaming', () => {
    const failed = makeMessage({ role: 'assistant', content: '', status: 'error' })
    const streaming = makeMessage({ role: 'assistant', content: 'par', status: 'streaming' })
    expect(historySent([messages[0], failed, messages[2], streaming], undefined)).toEqual([
      messages[0],
      messages[2]
    ])
  })
})

describe('estimatePromptTokens', () => {
  it('adds the system prompt, the history sent, the draft and its files', () => {
    const messages = [
      ...turn('a'.repeat(400), 'b'.repeat(400)),
      ...turn('c'.repeat(40), 'd'.repeat(40))
    ]
    const base = { messages, draftText: 'e'.repeat(80), drafts: [] }
    // 4 per message for its framing.
    expect(estimatePromptTokens({ ...base, params: {} })).toBe(104 + 104 + 14 + 14 + 24)
    expect(estimatePromptTokens({ ...base, params: { historyTurns: 1 } })).toBe(14 + 14 + 24)
    expect(
      estimatePromptTokens({ ...base, params: { historyTurns: 1, systemPrompt: 'f'.repeat(40) } })
    ).toBe(14 + 14 + 14 + 24)
    const image = makeDraft({ width: 280, height: 280 })
    expect(estimatePromptTokens({ ...base, params: { historyTurns: 1 }, drafts: [image] })).toBe(
      14 + 14 + 24 + 100
    )
  })

  it("adds a project's instructions and its files' tokens to the system message", () => {
    const base = { messages: [], draftText: 'e'.repeat(80), drafts: [], params: {} }
    const file = (tokens: number) => ({
      sha256: 'a'.repeat(64),
      name: 'f.md',
      bytes: 1,
      pages: null,
      tokens
    })
    const project = { instructions: 'g'.repeat(40), files: [file(1000), file(234)] }
    // The draft 24; the system message 4 + 10 (instructions) + 1,234 (files).
    expect(estimatePromptTokens({ ...base, project })).toBe(24 + 4 + 10 + 1234)
    expect(
      estimatePromptTokens({ ...base, project: { instructions: '', files: [file(50)] } })
    ).toBe(24 + 4 + 50)
    // With the chat's own system prompt beside the instructions (a blank line between).
    expect(
      estimatePromptTokens({ ...base, params: { systemPrompt: 'h'.repeat(40) }, project })
    ).toBe(24 + 4 + estimateTextTokens(`${'g'.repeat(40)}\n\n${'h'.repeat(40)}`) + 1234)
    expect(projectFileTokens(project)).toBe(1234)
    expect(projectFileTokens(null)).toBe(0)
    expect(estimatePromptTokens({ ...base, project: null })).toBe(24)
  })
})

describe('contextLevel', () => {
  it('is quiet below half, a note from half, a warning past 90%', () => {
    expect(contextLevel(499, 1000)).toBe('quiet')
    expect(contextLevel(500, 1000)).toBe('note')
    expect(contextLevel(900, 1000)).toBe('note')
    expect(contextLevel(901, 1000)).toBe('warning')
    // A model whose context is unknown shows nothing.
    expect(contextLevel(10_000, 0)).toBe('quiet')
  })
})

describe('turnsThatFit', () => {
  it('counts the most recent turns that fit in 80% of the context', () => {
    // Each turn: 2 × (4 + 100) = 208 tokens.
    const messages = [1, 2, 3, 4, 5].flatMap((n) => turn(`${n}`.repeat(400), `${n}`.repeat(400)))
    expect(turnsThatFit(messages, {}, 1000)).toBe(3)
    expect(turnsThatFit(messages, {}, 100_000)).toBe(5)
    // Never fewer than one.
    expect(turnsThatFit(messages, {}, 10)).toBe(1)
  })
})
