// An axe-core audit of every main screen, in both UI languages and both themes: setup, the chat
// with a streamed answer (reasoning, code, a table, math) beside a sidebar of conversations,
// search (empty, with results, with none, with an archived chat), the Archived view, Settings, Parameters, the model picker, the shortcut
// sheet and the recovery screen. Any serious or critical violation fails the test and is printed
// rule by rule; every finding (moderate and minor too) is written to test-results/a11y for a
// person to read. Screenshots of each screen go to test-results/screens/a11y.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { SCHEMA_VERSION } from '../../src/main/db/migrations'
import type { Language, Theme } from '../../src/shared/settingDefaults'
import { expect, test } from './fixtures'
import { seedConversations } from './history-seed'

const RESULTS = join(__dirname, '../../test-results/a11y')
const SCREENS = join(__dirname, '../../test-results/screens/a11y')
const SEED = 'doubao-seed-1-6-251015'
const HOUR = 3_600_000

const ANSWER = [
  '## Summing a list',
  '',
  'The sum of the first $n$ numbers is $\\frac{n(n+1)}{2}$:',
  '',
  '$$',
  '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}',
  '$$',
  '',
  '```ts',
  "const total = values.reduce((sum, value) => sum + value, 0) // 'sum'",
  'export function mean(values: number[]): number {',
  '  return values.length === 0 ? 0 : total / values.length',
  '}',
  '```',
  '',
  '| n | sum |',
  '| --- | --- |',
  '| 10 | 55 |',
  '| 100 | 5050 |',
  '',
  '**Bold**, *emphasis*, a [link](https://example.com) and `inline code`.'
].join('\n')

interface Finding {
  screen: string
  rule: string
  impact: string
  help: string
  targets: string[]
  summary: string
}

/** What one screen's audit found, every impact. */
async function audit(page: Page, screen: string): Promise<Finding[]> {
  // Let transitions and fonts settle so the colours axe reads are the final ones.
  await page.evaluate(() => document.fonts.ready)
  await page.waitForTimeout(250)
  await page.screenshot({ path: join(SCREENS, `${screen}.png`) })
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => ({
      screen,
      rule: violation.id,
      impact: node.impact ?? violation.impact ?? 'unknown',
      help: violation.help,
      targets: node.target.map(String),
      summary: (node.failureSummary ?? '').split('\n').slice(0, 3).join(' ')
    }))
  )
}

/** One line per finding, grouped by rule: what failed, where, and axe's reason. */
function listFindings(findings: Finding[]): string {
  return findings
    .map(
      (f) =>
        `[${f.impact}] ${f.rule} on ${f.screen}: ${f.targets.join(' ')}\n    ${f.help}. ${f.summary}`
    )
    .join('\n')
}

const RUNS: Array<{ language: Exclude<Language, 'system'>; theme: Exclude<Theme, 'system'> }> = [
  { language: 'en', theme: 'light' },
  { language: 'en', theme: 'dark' },
  { language: 'zh-CN', theme: 'light' },
  { language: 'zh-CN', theme: 'dark' }
]

for (const { language, theme } of RUNS) {
  test(`every main screen passes axe in ${language}, ${theme}`, async ({ app, provider }) => {
    test.setTimeout(240_000)
    mkdirSync(SCREENS, { recursive: true })
    mkdirSync(RESULTS, { recursive: true })
    const run = `${language}-${theme}`
    const findings: Finding[] = []
    const check = async (screen: string): Promise<void> => {
      findings.push(...(await audit(page, `${run}-${screen}`)))
    }

    // Setup: no key yet.
    await app.core.handlers.updateSettings({ language, theme })
    let page = app.page
    await page.reload()
    await expect(page.locator('.setup-card')).toBeVisible()
    await check('setup')

    // The chat: a sidebar of conversations and a streamed answer.
    await app.core.handlers.updateSettings({ baseURL: provider.baseURL })
    await app.core.handlers.setKey({ key: provider.apiKey })
    const now = Date.now()
    const [tripId] = seedConversations(app.core.services.db, [
      {
        title: 'Trip planning',
        model: SEED,
        at: now - 30 * 24 * HOUR,
        messages: [
          { role: 'user', content: 'Where to go in May?' },
          { role: 'assistant', content: 'Lisbon is mild in May.' }
        ]
      },
      {
        title: 'Pinned recipe',
        model: SEED,
        at: now - 2 * HOUR,
        pinned: true,
        messages: [{ role: 'user', content: 'A bread recipe, please.' }]
      }
    ])
    await page.reload()
    const box = page.locator('.composer-input')
    await expect(box).toBeVisible()
    await check('new-chat')

    provider.enqueue({
      kind: 'reply',
      reasoning: 'The user wants a sum. Use the closed form and show code.',
      content: ANSWER,
      chunkSize: 24,
      usage: { prompt_tokens: 42, completion_tokens: 96, reasoning_tokens: 17 }
    })
    await box.fill('How do I sum a list?')
    await box.press('Enter')
    const reply = page.locator('article.message-assistant')
    await expect(reply.locator('.katex-display')).toBeVisible()
    await expect(reply.locator('table')).toBeVisible()
    await expect(reply.locator('code.hljs .hljs-keyword').first()).toBeVisible()
    await expect(reply).toHaveAttribute('aria-busy', 'false')
    await expect(reply.locator('.message-footer')).toBeVisible()
    // Open the reasoning, so its text is audited too.
    await reply.locator('summary').click()
    await check('chat')

    // Search: empty, with results, with none.
    await page.keyboard.press('Control+K')
    const searchBox = page.locator('.search-input')
    await expect(searchBox).toBeFocused()
    await check('search-empty')
    await searchBox.fill('Lisbon')
    await expect(page.locator('.search-hit').first()).toBeVisible()
    await check('search-results')
    await searchBox.fill('zzqxnothing')
    await expect(page.locator('.search-status')).not.toHaveText('')
    await expect(page.locator('.search-hit')).toHaveCount(0)
    await check('search-none')
    // An archived chat found with Include archived: its group says Archived, with Unarchive.
    await app.core.handlers.setConversationArchived({ id: tripId, archived: true })
    await page.locator('.search-archived input').check()
    await searchBox.fill('Lisbon')
    await expect(page.locator('.search-group .archived-badge')).toBeVisible()
    await check('search-archived')
    await page.keyboard.press('Escape')

    // The Archived view.
    await page.locator('.archived-button').click()
    await expect(page.getByRole('dialog').getByRole('listitem')).toHaveCount(1)
    await check('archived')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toHaveCount(0)
    // Back in the list for the screens below (an archived chat is in no list, a project's either).
    await app.core.handlers.setConversationArchived({ id: tripId, archived: false })

    // Settings.
    await page.keyboard.press('Control+,')
    await expect(page.getByRole('dialog')).toBeVisible()
    await check('settings')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toHaveCount(0)

    // Parameters.
    await page.locator('.params-button').click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await check('parameters')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toHaveCount(0)

    // The model picker, open.
    await page.locator('.model-picker-trigger').click()
    await expect(page.locator('.model-popover')).toBeVisible()
    await check('model-picker')
    await page.keyboard.press('Escape')
    await expect(page.locator('.model-popover')).toHaveCount(0)

    // The shortcut sheet.
    await page.keyboard.press('Control+/')
    await expect(page.getByRole('dialog')).toBeVisible()
    await check('shortcuts')
    await page.keyboard.press('Escape')

    // Projects: one expanded in the sidebar with a chat, its editor (with a file), Move to project.
    const project = await app.core.handlers.createProject({
      name: 'Launch',
      instructions: 'Plan it.'
    })
    await app.core.handlers.setConversationProject({ id: tripId, projectId: project.id })
    // A file in it, so that the editor's file list is checked too.
    await app.core.handlers.addProjectFile({
      projectId: project.id,
      name: 'plan.txt',
      data: new TextEncoder().encode('Launch in March.')
    })
    await page.reload()
    await page.locator('.project-toggle').click()
    await expect(page.locator('.conversation-row[data-in-project]')).toHaveCount(1)
    await check('projects')
    await page.locator('.project-row .project-action').nth(1).click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await check('project-editor')
    await page.keyboard.press('Escape')
    await page.locator('.conversation-row[data-in-project] .conversation-item').click({
      button: 'right'
    })
    // Rename, Pin, Archive, Move to project…
    await page.locator('.menu [role="menuitem"]').nth(3).click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await check('move-to-project')
    await page.keyboard.press('Escape')

    // Recovery: a history written by a newer version.
    app.core.services.db.pragma(`user_version = ${SCHEMA_VERSION + 5}`)
    page = await app.restart()
    await expect(page.locator('.recovery')).toBeVisible()
    await check('recovery')

    writeFileSync(join(RESULTS, `${run}.json`), JSON.stringify(findings, null, 2))
    const serious = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical')
    expect(serious.length, `serious or critical axe violations:\n${listFindings(serious)}`).toBe(0)
  })
}
