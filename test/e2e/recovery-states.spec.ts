// Issue-14 states a person sees, in English and Chinese: a history that shrank since the last
// run (refused, the file untouched, the newest backup offered or the history kept), and a reply
// the disk refused to save (its text kept, "Save again"). Screenshots go to test-results/screens.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { backupDatabase } from '../../src/main/db/backup'
import { finishMessage, insertMessage } from '../../src/main/history/messages'
import { type AppHarness, launchApp } from '../harness/app'
import type { FakeProvider } from '../fake-provider/server'
import { expect, test } from './fixtures'
import { seedConversations } from './history-seed'

const SCREENS = join(__dirname, '../../test-results/screens')
const SEED = 'doubao-seed-2.0-pro'
const HOUR = 3_600_000

const TEXT = {
  en: {
    shrunk: /3 conversations and 6 messages were recorded/,
    keep: 'Keep this history',
    title: 'Quarterly report',
    question: 'Summarise it',
    answer: 'Revenue grew by 12% over the quarter.',
    saveAgain: 'Save again'
  },
  'zh-CN': {
    shrunk: /记录中有 3 个对话、6 条消息/,
    keep: '保留当前历史记录',
    title: '季度报告',
    question: '总结一下',
    answer: '本季度收入增长了 12%。',
    saveAgain: '重新保存'
  }
} as const

/** The key and base URL saved through the core, the page reloaded onto the chat. */
async function connectQuietly(app: AppHarness, provider: FakeProvider): Promise<void> {
  await app.core.handlers.updateSettings({ baseURL: provider.baseURL })
  await app.core.handlers.setKey({ key: provider.apiKey })
  await app.page.reload()
  await expect(app.page.locator('textarea')).toBeVisible()
}

for (const locale of ['en', 'zh-CN'] as const) {
  const text = TEXT[locale]
  test.describe(`in ${locale}`, () => {
    test.use({ appOptions: { locale } })

    test('a history that shrank since the last run is refused and left untouched', async ({
      chromiumBrowser,
      keychainService,
      provider
    }) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'seed-chat-shrunk-'))
      const first = await launchApp(chromiumBrowser, { dataDir, keychainService, locale })
      await connectQuietly(first, provider)
      seedConversations(
        first.core.services.db,
        ['Trip plans', 'Data pipeline', 'Recipes'].map((title, index) => ({
          title,
          model: SEED,
          at: Date.now() - index * HOUR,
          messages: [
            { role: 'user' as const, content: `About ${title}` },
            { role: 'assistant' as const, content: `An answer about ${title}.` }
          ]
        }))
      )
      await backupDatabase(first.core.services.db, join(dataDir, 'backups'), 'daily')
      await first.close()

      // What a disk that dropped its last writes leaves: an empty database in the history's place.
      const history = join(dataDir, 'history.sqlite')
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${history}${suffix}`, { force: true })
      new Database(history).close()
      const emptied = readFileSync(history)

      const app = await launchApp(chromiumBrowser, { dataDir, keychainService, locale })
      await expect(app.page.getByText(text.shrunk)).toBeVisible()
      await expect(app.page.getByRole('button', { name: text.keep })).toBeVisible()
      await app.page.screenshot({ path: join(SCREENS, `recovery-shrunk.${locale}.png`) })
      // Nothing wrote to the file it refused.
      expect(readFileSync(history).equals(emptied)).toBe(true)
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    })

    test('a reply the disk refused to save keeps its text and offers Save again', async ({
      app,
      provider
    }) => {
      await connectQuietly(app, provider)
      const db = app.core.services.db
      const [conversationId] = seedConversations(db, [
        {
          title: text.title,
          model: SEED,
          at: Date.now(),
          messages: [{ role: 'user', content: text.question }]
        }
      ])
      const reply = insertMessage(db, {
        conversationId,
        role: 'assistant',
        content: text.answer,
        status: 'streaming',
        model: SEED,
        now: Date.now()
      })
      finishMessage(db, reply.id, {
        status: 'error',
        finishReason: null,
        usage: null,
        error: {
          code: 'storage_full',
          message: 'database or disk is full',
          params: { folder: app.dataDir }
        }
      })
      const page = await app.restart()
      await page.getByText(text.title).first().click()
      await expect(page.getByText(text.answer)).toBeVisible()
      await expect(page.getByRole('button', { name: text.saveAgain })).toBeVisible()
      await page.screenshot({ path: join(SCREENS, `save-again.${locale}.png`) })
    })
  })
}
