// Runs the app without Electron: the real core (src/main/core.ts) in this Node process, the built
// renderer (out/renderer) served over http to Debian's Chromium, joined through the same handler
// table the Electron shell registers with ipcMain.
import { build } from 'esbuild'
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve } from 'node:path'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Frame,
  type Page
} from '@playwright/test'
import { REQUEST_NAMES, channelOf, type EventName } from '../../src/shared/contract'
import type { ChatServiceOptions } from '../../src/main/chat/options'
import { createCore, type Core, type CoreOptions } from '../../src/main/core'
import type { DesktopHost } from '../../src/main/desktop/handlers'
import { dispatch } from '../../src/main/dispatch'
import { createKeytarStore, type SecretStore } from '../../src/main/secrets/keychain'

const ROOT = resolve(__dirname, '../..')
const ATTACHMENT_PREFIX = '/attachment/'
/** A result whose JSON is longer than this reaches the page in parts: see inParts below. */
const LARGE_RESULT_CHARS = 1_000_000
const RESULT_PART_CHARS = 256_000
const RENDERER_DIR = join(ROOT, 'out/renderer')

/** The same flags the brief gives for Debian's Chromium on these machines. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync'
]

export interface AppOptions {
  /** Defaults to a fresh temporary directory. */
  dataDir?: string
  /** The keychain entry's service name; tests use a unique one each. */
  keychainService?: string
  /** A key store used instead of the keychain (benchmarks: memorySecrets, no D-Bus needed). */
  secrets?: SecretStore
  headless?: boolean
  chat?: Partial<ChatServiceOptions>
  locale?: string
  /** Screen capture: a fixture instead of the X screen, and what "showing the pickers" does. */
  capture?: CoreOptions['capture']
  /** What the Electron shell does for Quick Ask and the shortcuts (a recorder in tests). */
  desktop?: DesktopHost
}

export interface AppHarness {
  dataDir: string
  url: string
  core: Core
  context: BrowserContext
  page: Page
  /** Closes the page and the core, then starts both again on the same data directory. */
  restart(): Promise<Page>
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/**
 * Serves out/renderer, and attachments under /attachment/ (what Electron's attachment: protocol
 * serves); unknown paths are 404, nothing outside the folder is reachable.
 */
async function serveRenderer(
  attachment: (path: string) => Promise<{ mime: string; bytes: Buffer } | null>
): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    if (path.startsWith(ATTACHMENT_PREFIX)) {
      attachment(path.slice(ATTACHMENT_PREFIX.length - 1)).then(
        (served) => {
          if (!served) response.writeHead(404).end()
          else response.writeHead(200, { 'content-type': served.mime }).end(served.bytes)
        },
        () => response.writeHead(500).end()
      )
      return
    }
    const file = normalize(join(RENDERER_DIR, path === '/' ? 'index.html' : path))
    if (!file.startsWith(RENDERER_DIR)) {
      response.writeHead(403).end()
      return
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store'
        })
        response.end(body)
      },
      () => response.writeHead(404).end()
    )
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${port}/` }
}

let shimSource: Promise<string> | undefined
function preloadShim(): Promise<string> {
  shimSource ??= build({
    entryPoints: [join(__dirname, 'preload-shim.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false
  }).then((result) => result.outputFiles[0].text)
  return shimSource
}

/**
 * A request's result as the page first receives it. Playwright hands a binding's result to the
 * page as JSON inside one DevTools message, which Chromium parses on the page's main thread in one
 * task: 9 MB took 200-260 ms there (a blank page, load average 3), where Electron's IPC clones it
 * in about 5 ms. So the JSON of a result of plain data over LARGE_RESULT_CHARS is kept here and
 * the page takes it in RESULT_PART_CHARS parts, one DevTools message each, and parses it whole
 * (preload-shim.ts): the transport's cost is spread over tasks as Electron's is small.
 */
function inParts(result: unknown, parts: Map<string, string[]>): unknown {
  let plain = true
  const json = JSON.stringify(result, function (this: Record<string, unknown>, key, value) {
    const original = key === '' ? result : this[key]
    if (
      original === undefined ||
      (typeof original === 'number' && !Number.isFinite(original)) ||
      (typeof original === 'object' &&
        original !== null &&
        !Array.isArray(original) &&
        Object.getPrototypeOf(original) !== Object.prototype)
    )
      plain = false
    return value
  })
  if (!plain || json === undefined || json.length <= LARGE_RESULT_CHARS) return result
  const token = randomUUID()
  const cut: string[] = []
  for (let at = 0; at < json.length; at += RESULT_PART_CHARS)
    cut.push(json.slice(at, at + RESULT_PART_CHARS))
  parts.set(token, cut)
  return { __harnessResult: token, parts: cut.length }
}

/** Launches Debian's Chromium (headless unless told otherwise). */
export function launchChromium(headless = true): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    args: CHROMIUM_ARGS
  })
}

/** Starts the core and opens the app in a Chromium page. */
export async function launchApp(browser: Browser, options: AppOptions): Promise<AppHarness> {
  if (!options.secrets && !options.keychainService)
    throw new Error('Give keychainService or secrets.')
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'seed-chat-'))
  let core: Core
  const { server, url } = await serveRenderer((path) => core.serveAttachment(path))
  const origin = new URL(url).origin
  const names = new Map(REQUEST_NAMES.map((name) => [channelOf(name), name]))
  const shim = await preloadShim()
  const parts = new Map<string, string[]>()

  let context: BrowserContext
  const startCore = (): Promise<Core> =>
    createCore({
      dataDir,
      secrets: options.secrets ?? createKeytarStore(options.keychainService!),
      chat: options.chat,
      capture: options.capture,
      desktop: options.desktop,
      attachmentUrl: (sha256, variant) => `${url}attachment/${sha256}/${variant}`,
      emit: (name: EventName, payload) => {
        for (const page of context.pages()) {
          page
            .evaluate(([channel, data]) => window.__seedChatEmit(channel as string, data), [
              channelOf(name),
              payload
            ] as const)
            .catch(() => undefined) // the page is closing
        }
      }
    })
  core = await startCore()

  const openContext = async (): Promise<Page> => {
    context = await browser.newContext({
      locale: options.locale ?? 'en-US',
      viewport: { width: 1200, height: 800 }
    })
    // Like ipc.ts: only our own top-level page may call the API.
    const ours = (frame: Frame): boolean =>
      frame.parentFrame() === null && new URL(frame.url()).origin === origin
    await context.exposeBinding('__seedChatInvoke', ({ frame }, channel: string, args: unknown) => {
      const name = names.get(channel)
      if (!ours(frame) || !name) {
        return { ok: false, error: { code: 'invalid_input', message: 'Request refused.' } }
      }
      return dispatch(core.handlers, name, args).then((result) => inParts(result, parts))
    })
    // One part of a large result (inParts); the last part read forgets the result.
    await context.exposeBinding(
      '__seedChatResultPart',
      ({ frame }, token: string, index: number) => {
        const held = parts.get(token)
        if (!ours(frame) || !held) return ''
        if (index === held.length - 1) parts.delete(token)
        return held[index] ?? ''
      }
    )
    await context.addInitScript({ content: shim })
    const page = await context.newPage()
    await page.goto(url)
    return page
  }

  const harness: AppHarness = {
    dataDir,
    url,
    get core() {
      return core
    },
    get context() {
      return context
    },
    page: await openContext(),
    restart: async () => {
      await context.close()
      await core.close()
      core = await startCore()
      harness.page = await openContext()
      return harness.page
    },
    close: async () => {
      await context.close().catch(() => undefined)
      await core.close()
      await new Promise((done) => server.close(done))
    }
  }
  return harness
}
