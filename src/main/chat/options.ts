// What the chat service can be tuned with: the client's timeouts and retries, how often streamed
// text is saved, and a base URL that overrides the saved one.
import { DEFAULT_CHAT_OPTIONS, type ChatClientOptions } from './client'

export interface ChatServiceOptions extends ChatClientOptions {
  /** How often streamed text is written to the database, so a crash keeps it. */
  flushIntervalMs: number
  /** A base URL used instead of the saved setting, without changing it (the CLI's SEED_CHAT_BASE_URL). */
  baseURL?: string
  /** Send every image as its recognized text, even to a model that sees (the CLI's --ocr). */
  imagesAsText?: boolean
}

export const DEFAULT_SERVICE_OPTIONS: ChatServiceOptions = {
  ...DEFAULT_CHAT_OPTIONS,
  flushIntervalMs: 250
}
