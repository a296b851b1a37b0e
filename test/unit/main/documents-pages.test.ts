// A PDF sent in part: the pages chosen travel with the message (migration 14), so the first
// request, a regenerated reply and an imported copy all send the same pages, named in the part's
// `pages="1, 3 of 3"`; a choice that is not the file's pages is refused and nothing is sent.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core'
import { estimateTextTokens } from '../../../src/shared/tokenEstimate'
import { printPdf } from '../../fixtures/documents/generate'
import type { FakeProvider } from '../../fake-provider/server'
import { connectedCore, type ConnectedCore } from '../../fixtures/core'

let provider: FakeProvider
let core: Core
let connected: ConnectedCore
let pdf: Buffer

beforeAll(async () => {
  pdf = await printPdf([
    ['Page one: the zebrafish.'],
    ['第二页：预算。'],
    ['Page three: the walrus.']
  ])
}, 60_000)

beforeEach(async () => {
  connected = await connectedCore('documents-pages-')
  ;({ core, provider } = connected)
})
afterEach(() => connected.close())

const TEXT_ONLY = 'glm-4-7-251222'
const CHOSEN =
  '<file name="report.pdf" pages="1, 3 of 3">\n' +
  '[Page 1]\nPage one: the zebrafish.\n\n[Page 3]\nPage three: the walrus.\n</file>'

describe('a PDF sent in part', () => {
  it('sends only the chosen pages, and keeps sending them', async () => {
    const report = await core.handlers.addAttachment({
      name: 'report.pdf',
      data: new Uint8Array(pdf),
      model: TEXT_ONLY
    })
    // Each page's estimate; with the part's frame they bound the whole part's from above.
    const pageTokens = report.document?.pageTokens ?? []
    expect(pageTokens).toHaveLength(3)
    const frame = estimateTextTokens('<file name="report.pdf" pages="3">\n\n</file>')
    expect(pageTokens.reduce((a, b) => a + b, frame)).toBeGreaterThanOrEqual(
      report.document?.tokens ?? Number.POSITIVE_INFINITY
    )

    const sent = await core.handlers.sendMessage({
      conversationId: null,
      model: TEXT_ONLY,
      text: 'Summarise',
      attachments: [{ sha256: report.sha256, name: report.name, pages: '3, 1' }]
    })
    await core.services.chat.whenIdle(sent.assistantMessage.id)
    expect(provider.chatRequests()[0].body.messages[0].content).toEqual([
      { type: 'text', text: CHOSEN },
      { type: 'text', text: 'Summarise' }
    ])
    expect(sent.userMessage.attachments[0].pages).toBe('1, 3')

    const again = await core.handlers.regenerateReply({ messageId: sent.assistantMessage.id })
    await core.services.chat.whenIdle(again.id)
    expect(provider.chatRequests()[1].body.messages[0].content[0].text).toBe(CHOSEN)
    const edited = await core.handlers.editMessage({
      messageId: sent.userMessage.id,
      text: 'Again'
    })
    await core.services.chat.whenIdle(edited.assistantMessage.id)
    expect(provider.chatRequests()[2].body.messages[0].content[0].text).toBe(CHOSEN)

    // Export and import keep the choice; the whole text stays searchable.
    const exported = await core.handlers.exportHistory(undefined)
    await core.handlers.deleteConversation({ id: sent.conversation.id })
    await core.handlers.importHistory({ text: exported.text })
    const [imported] = (await core.handlers.listConversations({})).conversations
    const history = await core.handlers.getConversation({ id: imported.id })
    expect(history.messages[0].attachments.map((a) => a.pages)).toEqual(['1, 3'])
    const hit = await core.handlers.searchHistory({ query: '预算' })
    expect(hit.results.length).toBeGreaterThan(0)
    expect(new Set(hit.results.map((r) => r.field))).toEqual(new Set(['document']))
  }, 60_000)

  it('refuses pages the file does not have, and pages of a file without pages', async () => {
    const report = await core.handlers.addAttachment({
      name: 'report.pdf',
      data: new Uint8Array(pdf),
      model: TEXT_ONLY
    })
    const notes = await core.handlers.addAttachment({
      name: 'notes.md',
      data: new Uint8Array(Buffer.from('# Notes')),
      model: TEXT_ONLY
    })
    for (const [file, pages] of [
      [report, '4'],
      [report, '2-1'],
      [notes, '1']
    ] as const) {
      await expect(
        core.handlers.sendMessage({
          conversationId: null,
          model: TEXT_ONLY,
          text: 'Read',
          attachments: [{ sha256: file.sha256, name: file.name, pages }]
        })
      ).rejects.toMatchObject({ code: 'invalid_input' })
    }
    expect((await core.handlers.listConversations({})).conversations).toHaveLength(0)
    expect(provider.chatRequests()).toHaveLength(0)
  }, 60_000)
})
