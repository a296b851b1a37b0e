// The one door into main: registerHandlers binds every channel on ipcMain and refuses a call from
// a frame that is not our own page before any handler runs. `ipcMain` here is a plain object with
// Electron's `handle(channel, listener)` shape (Electron itself cannot run in unit tests); the
// handler table is the real core's.
import { randomUUID } from 'node:crypto'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REQUEST_NAMES, channelOf, type Handlers } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/errors'
import { createCore, type Core } from '../../../src/main/core'
import { registerHandlers } from '../../../src/main/ipc'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { tempDir } from '../../fixtures/temp'

type Listener = (event: IpcMainInvokeEvent, args: unknown) => Promise<Result<unknown>>

const OWN_PAGE = 'file:///app/out/renderer/index.html'

/** Electron's ipcMain interface, recording the listeners it is given. */
function recordingIpcMain() {
  const listeners = new Map<string, Listener>()
  const ipcMain = {
    handle(channel: string, listener: Listener) {
      if (listeners.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`)
      listeners.set(channel, listener)
    }
  }
  return { ipcMain: ipcMain as unknown as IpcMain, listeners }
}

/** An invoke event from a frame at `url`; `parent` set means an iframe inside the page. */
function eventFrom(url: string, parent: object | null = null): IpcMainInvokeEvent {
  return { senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent
}

// The same rule as the shell's (src/main/index.ts): the top frame of our own page only.
const isTrustedSender = (event: IpcMainInvokeEvent): boolean => {
  const frame = event.senderFrame
  return frame !== null && frame.parent === null && frame.url === OWN_PAGE
}

let core: Core
const service = `seed-chat-test-${randomUUID()}`
beforeAll(async () => {
  core = await createCore({
    dataDir: tempDir('ipc-'),
    secrets: createKeytarStore(service),
    emit: () => undefined
  })
})
afterAll(async () => {
  await core.close()
  await createKeytarStore(service).delete()
})

describe('registerHandlers', () => {
  it('binds every request channel once', () => {
    const { ipcMain, listeners } = recordingIpcMain()
    registerHandlers(ipcMain, core.handlers, isTrustedSender)
    expect([...listeners.keys()].sort()).toEqual(
      REQUEST_NAMES.map((name) => channelOf(name)).sort()
    )
  })

  it('refuses calls from other frames before any handler runs, and serves our own page', async () => {
    const calls: string[] = []
    // The real handlers, counting which ones run.
    const counted = Object.fromEntries(
      REQUEST_NAMES.map((name) => [
        name,
        (args: never) => {
          calls.push(name)
          return (core.handlers[name] as (args: never) => unknown)(args)
        }
      ])
    ) as unknown as Handlers
    const { ipcMain, listeners } = recordingIpcMain()
    registerHandlers(ipcMain, counted, isTrustedSender)
    const rename = listeners.get(channelOf('renameConversation'))!
    const list = listeners.get(channelOf('listConversations'))!

    for (const event of [
      eventFrom('https://evil.example/'),
      eventFrom(OWN_PAGE, { url: OWN_PAGE }), // an iframe showing our page inside another one
      { senderFrame: null } as unknown as IpcMainInvokeEvent // the frame is gone
    ]) {
      expect(await list(event, {})).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'Request from an untrusted frame refused.' }
      })
      expect((await rename(event, { id: 1, title: 'x' })).ok).toBe(false)
    }
    expect(calls).toEqual([])

    const trusted = await list(eventFrom(OWN_PAGE), {})
    expect(trusted).toEqual({ ok: true, value: { conversations: [], next: null } })
    expect(calls).toEqual(['listConversations'])
  })
})
