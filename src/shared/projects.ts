// Projects as they cross the boundary: a named group of chats with instructions (a system prompt
// sent before every chat's own), a default model and default parameters for a new chat in it.
import { z } from 'zod'
import { modelIdSchema } from './models'
import { chatParamsSchema, type ChatParams } from './params'

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
  createdAt: number
  updatedAt: number
}

/** Most characters of a project's name and of its instructions. */
export const MAX_PROJECT_NAME = 100
export const MAX_PROJECT_INSTRUCTIONS = 100_000

/** What a project's editor sets; absent = unchanged (a new project: empty, none, default). */
export const projectFieldsSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'the project name is empty')
      .max(MAX_PROJECT_NAME, `the project name is longer than ${MAX_PROJECT_NAME} characters`)
      .optional(),
    instructions: z
      .string()
      .trim()
      .max(
        MAX_PROJECT_INSTRUCTIONS,
        `the instructions are longer than ${MAX_PROJECT_INSTRUCTIONS} characters`
      )
      .optional(),
    defaultModel: modelIdSchema.nullable().optional(),
    defaultParams: chatParamsSchema.optional()
  })
  .strict()
export type ProjectFields = z.output<typeof projectFieldsSchema>

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
