// The desktop requests: with the shell's host they reach it; without one (the CLI, the harness)
// they do nothing but the event every window hears.
import { describe, expect, it } from 'vitest'
import type { EmitEvent } from '../../../src/shared/contract'
import { SHORTCUTS_UNAVAILABLE, type ShortcutStatuses } from '../../../src/shared/desktop'
import { desktopHandlers, type DesktopHost } from '../../../src/main/desktop/handlers'

function recorder() {
  const events: string[] = []
  const emit: EmitEvent = (name, payload) => void events.push(`${name} ${JSON.stringify(payload)}`)
  return { events, emit }
}

describe('the desktop requests', () => {
  it('reach the shell, and "show in the main window" tells every window which conversation', async () => {
    const calls: string[] = []
    const status: ShortcutStatuses = {
      ask: { accelerator: 'Alt+Shift+Space', state: 'registered' },
      capture: { accelerator: 'Alt+Shift+S', state: 'refused' }
    }
    const host: DesktopHost = {
      hideQuickAsk: () => void calls.push('hide'),
      setQuickAskPinned: (pinned) => void calls.push(`pin ${pinned}`),
      showMainWindow: () => void calls.push('show main'),
      shortcutStatus: () => status
    }
    const { events, emit } = recorder()
    const handlers = desktopHandlers(host, emit)
    expect(await handlers.hideQuickAsk(undefined)).toBeNull()
    await handlers.setQuickAskPinned({ pinned: true })
    await handlers.showInMainWindow({ conversationId: 12 })
    expect(calls).toEqual(['hide', 'pin true', 'show main'])
    expect(events).toEqual(['showConversation {"conversationId":12}'])
    expect(await handlers.getShortcutStatus(undefined)).toEqual(status)
  })

  it('without a shell: nothing but the event, and the shortcuts unavailable', async () => {
    const { events, emit } = recorder()
    const handlers = desktopHandlers(undefined, emit)
    expect(await handlers.hideQuickAsk(undefined)).toBeNull()
    expect(await handlers.setQuickAskPinned({ pinned: false })).toBeNull()
    await handlers.showInMainWindow({ conversationId: null })
    expect(events).toEqual(['showConversation {"conversationId":null}'])
    expect(await handlers.getShortcutStatus(undefined)).toEqual(SHORTCUTS_UNAVAILABLE)
  })
})
