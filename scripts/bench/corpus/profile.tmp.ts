import { rmSync } from 'node:fs'
import { launchChromium } from '../../../test/harness/app'
import { startFakeProvider } from '../../../test/fake-provider/server'
import { closeApp, openApp, seededDataDir } from '../chat/app'
import { filler } from '../chat/content'
import { heavyCorpus } from './answers'

async function main() {
  const names = process.argv[2].split(',')
  const browser = await launchChromium(true)
  const provider = await startFakeProvider()
  const answers = heavyCorpus().filter((a) => names.includes(a.name))
  const dataDir = seededDataDir(provider, [
    { title: 'Other chat', messages: filler(4, 'other') },
    ...answers.map((a) => ({ title: a.name, messages: [{ role: 'user' as const, content: 'q' }, { role: 'assistant' as const, content: a.content }] }))
  ])
  const setup = await openApp(browser, provider, dataDir)
  const { page } = setup
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  for (const a of answers) {
    await page.getByRole('button', { name: 'Other chat', exact: true }).first().click()
    await page.getByText('Question 1 about other?').waitFor()
    await cdp.send('Profiler.start')
    await page.getByRole('button', { name: a.name, exact: true }).first().click()
    await page.locator('article.message-assistant .markdown').first().waitFor()
    if (a.clickHighlight) await page.getByRole('button', { name: 'Highlight', exact: true }).first().click()
    await page.waitForTimeout(3000)
    const { profile } = (await cdp.send('Profiler.stop')) as any
    const self = new Map<string, number>()
    const dt = new Map<number, number>()
    profile.samples.forEach((id: number, i: number) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
    for (const n of profile.nodes) {
      const f = n.callFrame
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`
      self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0) / 1000)
    }
    console.log('==', a.name)
    for (const [k, v] of [...self].sort((x, y) => y[1] - x[1]).slice(0, 14)) console.log(Math.round(v), k)
  }
  await closeApp(setup)
  rmSync(dataDir, { recursive: true, force: true })
  await provider.close()
  await browser.close()
}
void main()
