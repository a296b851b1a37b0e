// Fills a test app's real history fast, through the history module itself (so the search index
// triggers run exactly as in the app), and connects the page to the fake provider.
import { expect, type Page } from '@playwright/test'
import { appendToMessage, insertMessage } from '../../src/main/history/messages'
import {
  createConversation,
  setConversationPinned,
  touchConversation
} from '../../src/main/history/conversations'
import type { HistoryDatabase } from '../../src/main/db/database'
import type { Language } from '../../src/shared/settings'
import type { MessageRole } from '../../src/shared/types'
import type { FakeProvider } from '../fake-provider/server'
import type { AppHarness } from '../harness/app'

export interface SeedMessage {
  role: MessageRole
  content: string
  reasoning?: string
}

export interface SeedConversation {
  title: string
  model: string
  messages: SeedMessage[]
  /** When the last message was written (ms); the others a minute apart before it. */
  at: number
  pinned?: boolean
}

/** Writes conversations with their messages; returns their ids in the order given. */
export function seedConversations(
  db: HistoryDatabase,
  conversations: SeedConversation[]
): number[] {
  return db.transaction(() =>
    conversations.map((seed) => {
      const first = seed.at - (seed.messages.length - 1) * 60_000
      const conversation = createConversation(db, {
        title: seed.title,
        model: seed.model,
        now: first
      })
      seed.messages.forEach((message, index) => {
        const written = insertMessage(db, {
          conversationId: conversation.id,
          role: message.role,
          content: message.content,
          status: 'done',
          model: message.role === 'assistant' ? seed.model : null,
          now: first + index * 60_000
        })
        if (message.reasoning)
          appendToMessage(db, written.id, { content: '', reasoning: message.reasoning })
      })
      touchConversation(db, conversation.id, seed.at)
      if (seed.pinned) setConversationPinned(db, conversation.id, true, seed.at)
      return conversation.id
    })
  )()
}

/** Saves the provider's URL and key the way the setup screen would, and opens the chat. */
export async function connect(
  app: AppHarness,
  provider: FakeProvider,
  messageBox = 'Message'
): Promise<Page> {
  await app.core.handlers.updateSettings({ baseURL: provider.baseURL })
  await app.core.handlers.setKey({ key: provider.apiKey })
  await app.page.reload()
  await expect(app.page.getByRole('textbox', { name: messageBox })).toBeVisible()
  return app.page
}

/**
 * The same as connect, with the app in `language` first; the composer is found by its class (its
 * name is translated).
 */
export async function connectIn(
  app: AppHarness,
  provider: FakeProvider,
  language: Language
): Promise<Page> {
  await app.core.handlers.updateSettings({ baseURL: provider.baseURL, language })
  await app.core.handlers.setKey({ key: provider.apiKey })
  await app.page.reload()
  await expect(app.page.locator('.composer-input')).toBeVisible()
  return app.page
}

/** A long conversation: `count` exchanges of filler with `special` at exchange `at`. */
export function longConversation(count: number, at: number, special: SeedMessage): SeedMessage[] {
  const messages: SeedMessage[] = []
  for (let i = 0; i < count; i++) {
    if (i === at) {
      messages.push(special)
      continue
    }
    messages.push({ role: 'user', content: `Question number ${i} about the weather.` })
    messages.push({
      role: 'assistant',
      content: `Answer number ${i}.\n\nIt is mild today, with a light breeze from the west and a few clouds.\n\n- morning: 12°\n- noon: 18°\n- evening: 14°`
    })
  }
  return messages
}
