// `npm run dev:chromium`: the app in a headed Chromium window, for machines where the Electron
// binary cannot be downloaded. Same core, same renderer, same keychain entry as the app.
import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { launchApp, launchChromium } from './app'

async function main(): Promise<void> {
  if (!process.env.DISPLAY) {
    console.error('No display: run it as `xvfb-run npm run dev:chromium`, or set DISPLAY.')
    process.exit(1)
  }
  const dataDir = process.env.SEED_CHAT_DATA_DIR ?? join(homedir(), '.config', 'seed-chat')
  mkdirSync(dataDir, { recursive: true })
  const browser = await launchChromium(false)
  const app = await launchApp(browser, {
    dataDir,
    keychainService: process.env.SEED_CHAT_KEYCHAIN_SERVICE ?? 'Seed Chat'
  })
  console.log(`Seed Chat is open in Chromium (data in ${dataDir}). Close the window to quit.`)
  const quit = async (): Promise<void> => {
    await app.close()
    await browser.close()
    process.exit(0)
  }
  app.page.on('close', () => void quit())
  process.on('SIGINT', () => void quit())
}

void main()
