import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { encodedText, printPdf, writeDocx } from '../../fixtures/documents/generate'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { bundleCli, runCli, type Ran } from '../../fixtures/cli'
import { tempDir } from '../../fixtures/temp'

let bundle: string
let files: string

vi.setConfig({ testTimeout: 120_000 })

const GBK = '会议纪要：第三季度预算审批通过。关键词：蓝鲸计划。'

beforeAll(async () => {
  bundle = await bundleCli('cli-files-')
  files = tempDir('cli-files-in-')
  writeFileSync(
    join(files, 'a.pdf'),
    await printPdf([['Annual report', 'The zebrafish division grew.'], ['第二页 营业收入']])
  )
  writeFileSync(join(files, 'gbk.txt'), encodedText(GBK, 'gbk'))
  writeFileSync(join(files, 'notes.docx'), await writeDocx('Notes', ['Owner: Ada Lovelace.']))
  // About 300,000 tokens of Chinese text: more than any model's context.
  writeFileSync(join(files, 'long.txt'), '长'.repeat(300_000))
}, 120_000)

let provider: FakeProvider
let dataDir: string

beforeEach(async () => {
  provider = await startFakeProvider()
  dataDir = tempDir('cli-files-')
})
afterEach(async () => {
  await provider.close()
})

function cli(args: string[]): Promise<Ran> {
  return runCli([process.execPath, bundle], args, { dataDir, provider })
}

const lastJson = (ran: Ran) => JSON.parse(ran.stdout.trimEnd().split('\n').at(-1)!)

describe('ask --file', () => {
  it('sends each file as a text part (GBK decoded), and search finds it by a word only in a file', async () => {
    const ran = await cli([
      'ask',
      '--file',
      join(files, 'a.pdf'),
      '--file',
      join(files, 'notes.docx'),
      '--file',
      join(files, 'gbk.txt'),
      '--json',
      'Summarise both.'
    ])
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    const [message] = provider.chatRequests().at(-1)!.body.messages
    expect(message.content).toEqual([
      {
        type: 'text',
        text:
          '<file name="a.pdf" pages="2">\n[Page 1]\nAnnual report\nThe zebrafish division grew.\n\n' +
          '[Page 2]\n第二页 营业收入\n</file>'
      },
      { type: 'text', text: '<file name="notes.docx">\n# Notes\n\nOwner: Ada Lovelace.\n</file>' },
      { type: 'text', text: `<file name="gbk.txt">\n${GBK}\n</file>` },
      { type: 'text', text: 'Summarise both.' }
    ])
    for (const word of ['蓝鲸计划', 'zebrafish', 'Lovelace']) {
      const found = lastJson(await cli(['search', '--json', word]))
      expect(found.results.map((r: { conversationId: number }) => r.conversationId)).toEqual([
        lastJson(ran).conversationId
      ])
    }
  })

  it('exits 2 with nothing sent when the files do not fit the model', async () => {
    const ran = await cli(['ask', '--file', join(files, 'long.txt'), '--json', 'Read it'])
    expect(ran.code).toBe(2)
    expect(lastJson(ran)).toMatchObject({
      ok: false,
      error: { code: 'attachment_refused', reason: 'document_too_long' }
    })
    expect(provider.chatRequests()).toHaveLength(0)
  })

  it('exits 2 for a file that is not a document, naming it', async () => {
    const ran = await cli(['ask', '--file', join(files, 'missing.pdf'), 'Read it'])
    expect(ran.code).toBe(2)
    expect(ran.stderr).toContain('--file')
    expect(provider.chatRequests()).toHaveLength(0)
  })

  it('sends only the --pages of a PDF, and exits 2 for pages it does not have', async () => {
    const ran = await cli(['ask', '--file', join(files, 'a.pdf'), '--pages', '2', '--json', 'Q'])
    expect(ran.code).toBe(0)
    expect(provider.chatRequests().at(-1)!.body.messages[0].content[0]).toEqual({
      type: 'text',
      text: '<file name="a.pdf" pages="2 of 2">\n[Page 2]\n第二页 营业收入\n</file>'
    })
    const wrong = await cli(['ask', '--file', join(files, 'a.pdf'), '--pages', '3', '--json', 'Q'])
    expect(wrong.code).toBe(2)
    expect(lastJson(wrong)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(provider.chatRequests()).toHaveLength(1)
  })
})
