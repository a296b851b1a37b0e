import { readFileSync, rmSync } from 'node:fs'
import { launchChromium } from '../../../test/harness/app'
import { startFakeProvider } from '../../../test/fake-provider/server'
import { closeApp, openApp, seededDataDir } from '../chat/app'
import { filler } from '../chat/content'
import { heavyCorpus } from './answers'

async function main() {
  const name = process.argv[2]
  const browser = await launchChromium(true)
  const provider = await startFakeProvider()
  const a = heavyCorpus().find((x) => x.name === name)!
  const dataDir = seededDataDir(provider, [{ title: 'Other chat', messages: filler(4, 'other') }, { title: a.name, messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: a.content }] }])
  const setup = await openApp(browser, provider, dataDir)
  const { page } = setup
  await browser.startTracing(page, { path: '/tmp/h18heavy-trace.json', categories: ['devtools.timeline', 'v8.execute'] })
  await page.getByRole('button', { name: a.name, exact: true }).first().click()
  await page.locator('article.message-assistant .markdown').first().waitFor()
  await page.waitForTimeout(3000)
  await browser.stopTracing()
  const events = JSON.parse(readFileSync('/tmp/h18heavy-trace.json', 'utf8')).traceEvents as any[]
  const tasks = events.filter((e) => e.name === 'RunTask' && e.dur > 50000).sort((x, y) => y.dur - x.dur).slice(0, 3)
  for (const t of tasks) {
    console.log('TASK', Math.round(t.dur / 1000), 'ms tid', t.tid)
    const inside = events.filter((e) => e.tid === t.tid && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e.dur > 5000 && e !== t)
    const by = new Map<string, number>()
    for (const e of inside) by.set(e.name + (e.args?.data?.functionName ? ':' + e.args.data.functionName : ''), Math.max(by.get(e.name) ?? 0, e.dur))
    for (const [k, v] of [...by].sort((x, y) => y[1] - x[1]).slice(0, 12)) console.log('  ', Math.round(v / 1000), k)
  }
  await closeApp(setup)
  rmSync(dataDir, { recursive: true, force: true })
  await provider.close()
  await browser.close()
}
void main()
