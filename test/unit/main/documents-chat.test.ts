// Documents through the core: each file one text part in the order attached, the text stored once
// by content and found by search, refusals with their reason and nothing sent.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core'
import { extractDocument } from '../../../src/main/attachments/documents/extract'
import { encodedText, lockedPdf, printPdf, writeDocx } from '../../fixtures/documents/generate'
import type { FakeProvider } from '../../fake-provider/server'
import { connectedCore, type ConnectedCore } from '../../fixtures/core'

let provider: FakeProvider
let core: Core
let connected: ConnectedCore
let pdf: Buffer

const GBK_TEXT = '会议纪要：第三季度预算审批通过。负责人：王小明。关键词：蓝鲸计划。'

beforeAll(async () => {
  pdf = await printPdf([
    ['Quarterly report', 'Revenue grew by twelve percent in the zebrafish division.'],
    ['第二页', '季度报告：营业收入增长百分之十二。']
  ])
}, 60_000)

beforeEach(async () => {
  connected = await connectedCore('documents-chat-')
  ;({ core, provider } = connected)
})
afterEach(() => connected.close())

const TEXT_ONLY = 'glm-4-7-251222'

const attach = (name: string, bytes: Buffer) =>
  core.handlers.addAttachment({ name, data: new Uint8Array(bytes), model: TEXT_ONLY })

describe('documents in requests', () => {
  it('sends each file as one text part, in the order attached, before the question', async () => {
    const report = await attach('report.pdf', pdf)
    const notes = await attach('gbk.txt', encodedText(GBK_TEXT, 'gbk'))
    const page = await attach(
      'page.html',
      Buffer.from('<h1>Plan</h1><p>Ship <b>Friday</b></p><script>x()</script>')
    )
    expect(report).toMatchObject({ kind: 'document', mime: 'application/pdf' })
    expect(report.document?.pages).toBe(2)
    expect(notes.document?.pages).toBeNull()
    expect(notes.document?.tokens).toBeGreaterThan(GBK_TEXT.length)

    const sent = await core.handlers.sendMessage({
      conversationId: null,
      model: TEXT_ONLY,
      text: 'Summarise these.',
      attachments: [report, notes, page].map(({ sha256, name }) => ({ sha256, name }))
    })
    await core.services.chat.whenIdle(sent.assistantMessage.id)
    const [request] = provider.chatRequests()
    expect(request.body.messages[0].content).toEqual([
      {
        type: 'text',
        text:
          '<file name="report.pdf" pages="2">\n' +
          '[Page 1]\nQuarterly report\nRevenue grew by twelve percent in the zebrafish division.\n\n' +
          '[Page 2]\n第二页\n季度报告：营业收入增长百分之十二。\n</file>'
      },
      { type: 'text', text: `<file name="gbk.txt">\n${GBK_TEXT}\n</file>` },
      { type: 'text', text: '<file name="page.html">\n# Plan\n\nShip **Friday**\n</file>' },
      { type: 'text', text: 'Summarise these.' }
    ])
    expect(sent.userMessage.attachments.map((a) => [a.kind, a.name])).toEqual([
      ['document', 'report.pdf'],
      ['document', 'gbk.txt'],
      ['document', 'page.html']
    ])

    // A word found only inside a file finds the conversation.
    for (const word of ['zebrafish', '蓝鲸计划', 'Friday']) {
      const page = await core.handlers.searchHistory({ query: word })
      expect(page.results.map((r) => r.conversationId)).toEqual([sent.conversation.id])
    }
    // The hit names the file and shows the matched words from its text.
    const hit = (await core.handlers.searchHistory({ query: '蓝鲸计划' })).results[0]
    expect(hit).toMatchObject({
      field: 'document',
      image: {
        sha256: notes.sha256,
        name: 'gbk.txt',
        thumbnailUrl: `attachment://${notes.sha256}/thumb`
      }
    })
    expect(hit.snippet.filter((part) => part.match).map((part) => part.text)).toEqual(['蓝鲸计划'])

    // Export carries each document's text; an import brings it back, searchable.
    const exported = await core.handlers.exportHistory(undefined)
    expect(exported.text).toContain('蓝鲸计划')
    await core.handlers.deleteConversation({ id: sent.conversation.id })
    expect((await core.handlers.searchHistory({ query: 'zebrafish' })).results).toEqual([])
    await core.handlers.importHistory({ text: exported.text })
    for (const word of ['zebrafish', '蓝鲸计划']) {
      const found = await core.handlers.searchHistory({ query: word })
      expect(found.results.map((r) => r.field)).toEqual(['document'])
    }
  }, 60_000)

  it('refuses files that do not fit the model before saving anything, and never sends them', async () => {
    // About 300,000 tokens of Chinese text; GLM 4.7 takes 200,000.
    const long = await attach('long.txt', Buffer.from('长'.repeat(300_000)))
    expect(long.document?.tokens).toBeGreaterThan(300_000)
    await expect(
      core.handlers.sendMessage({
        conversationId: null,
        model: TEXT_ONLY,
        text: 'Read it',
        attachments: [{ sha256: long.sha256, name: long.name }]
      })
    ).rejects.toMatchObject({
      code: 'attachment_refused',
      reason: 'document_too_long',
      params: { limit: 200_000, model: TEXT_ONLY }
    })
    expect((await core.handlers.listConversations({})).conversations).toHaveLength(0)
    expect(provider.chatRequests()).toHaveLength(0)
  })

  it('sends a DOCX as Markdown', async () => {
    const notes = await attach(
      'notes.docx',
      await writeDocx('Launch notes', ['Ship on Friday.', '发布日期：周五。'])
    )
    expect(notes).toMatchObject({ kind: 'document', name: 'notes.docx' })
    const sent = await core.handlers.sendMessage({
      conversationId: null,
      model: TEXT_ONLY,
      text: 'When?',
      attachments: [{ sha256: notes.sha256, name: notes.name }]
    })
    await core.services.chat.whenIdle(sent.assistantMessage.id)
    expect(provider.chatRequests()[0].body.messages[0].content).toEqual([
      {
        type: 'text',
        text: '<file name="notes.docx">\n# Launch notes\n\nShip on Friday.\n\n发布日期：周五。\n</file>'
      },
      { type: 'text', text: 'When?' }
    ])
  })

  it('refuses a broken PDF and a binary file named .txt with the reason', async () => {
    await expect(attach('broken.pdf', Buffer.from('%PDF-1.7\nnot really'))).rejects.toMatchObject({
      code: 'attachment_refused',
      reason: 'document_unreadable',
      params: { name: 'broken.pdf', reason: 'damaged PDF' }
    })
    await expect(
      attach('data.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0xff]))
    ).rejects.toMatchObject({ reason: 'document_unreadable', params: { name: 'data.txt' } })
    await expect(attach('locked.pdf', lockedPdf())).rejects.toMatchObject({
      reason: 'document_unreadable',
      params: { name: 'locked.pdf', reason: 'password-protected' }
    })
    // An encrypted DOCX is an OLE compound file, as is an old .doc renamed.
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504)
    ])
    await expect(attach('locked.docx', ole)).rejects.toMatchObject({
      reason: 'document_unreadable',
      params: { name: 'locked.docx', reason: 'password-protected or old Word format' }
    })
    await expect(attach('torn.docx', Buffer.from('PK\u0003\u0004broken'))).rejects.toMatchObject({
      reason: 'document_unreadable',
      params: { name: 'torn.docx', reason: 'damaged .docx' }
    })
    await expect(attach('empty.md', Buffer.from('  \n\n'))).rejects.toMatchObject({
      reason: 'document_no_text'
    })
  })
})

describe('extraction limits', () => {
  it('refuses a PDF over the page limit, and one that takes longer than the time limit', async () => {
    expect(await extractDocument('report.pdf', pdf, { maxPages: 1 })).toMatchObject({
      ok: false,
      error: { code: 'document_too_large', params: { reason: '2 pages > 1' } }
    })
    // Starting the worker alone takes longer than a millisecond.
    expect(await extractDocument('report.pdf', pdf, { timeoutMs: 1 })).toMatchObject({
      ok: false,
      error: { code: 'document_too_large', params: { reason: 'over 0.001 s' } }
    })
    expect(await extractDocument('report.pdf', pdf)).toMatchObject({
      ok: true,
      value: { pages: 2 }
    })
  })
})
