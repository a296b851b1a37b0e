// Projects as they cross the boundary: a named group of chats with instructions (a system prompt
// sent before every chat's own), a default model and default parameters for a new chat in it.
import { z } from 'zod'
import { MAX_ATTACHMENT_BYTES } from './attachments/limits'
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

const projectId = z.number().int().positive()
/**
 * Deleting a project (its chats move out or go with it), and its files: add one (read as the
 * composer reads a document), remove one.
 */
export const projectRequests = {
  delete: z.object({ id: projectId, chats: z.enum(PROJECT_CHATS_ON_DELETE) }).strict(),
  addFile: z
    .object({
      projectId,
      name: z.string().max(1000),
      data: z
        .instanceof(Uint8Array)
        .refine((d) => d.byteLength <= MAX_ATTACHMENT_BYTES, 'the file is too large')
    })
    .strict(),
  removeFile: z
    .object({ projectId, sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256') })
    .strict()
}
