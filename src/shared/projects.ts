// Projects as they cross the boundary: a named group of chats with instructions (a system prompt
// sent before every chat's own), a default model and default parameters for a new chat in it.
// No zod here: the first screen loads it (the requests' schemas are in projectSchemas.ts).
import type { ChatParams } from './params'

export interface Project {
  id: number
  name: string
  /** Sent as the system prompt before each of its chats' own; '' = none. */
  instructions: string
  /** The model a new chat in it starts with; null = the one chosen in the composer. */
  defaultModel: string | null
  /** The parameters a new chat in it starts with. */
  defaultParams: ChatParams
  /** How many conversations it holds. */
  conversationCount: number
  /** Documents every chat in it sends as context, in order. */
  files: ProjectFile[]
  createdAt: number
  updatedAt: number
}

/** A project's file: a stored document (by its hash) whose text goes with every chat in it. */
export interface ProjectFile {
  sha256: string
  name: string
  bytes: number
  /** For paged documents (PDF). */
  pages: number | null
  /** The estimated tokens of its text part, as sent. */
  tokens: number
}

/** Most files a project holds. */
export const MAX_PROJECT_FILES = 20

/** Most characters of a project's name and of its instructions. */
export const MAX_PROJECT_NAME = 100
export const MAX_PROJECT_INSTRUCTIONS = 100_000

/** Deleting a project: its chats move out of it, or are deleted with it. */
export const PROJECT_CHATS_ON_DELETE = ['move_out', 'delete'] as const

/**
 * The system prompt a chat's request carries: its project's instructions first, then the chat's
 * own system prompt; undefined when neither is set.
 */
export function systemPromptOf(
  instructions: string,
  systemPrompt: string | undefined
): string | undefined {
  const parts = [instructions.trim(), systemPrompt ?? ''].filter((part) => part !== '')
  return parts.length === 0 ? undefined : parts.join('\n\n')
}
