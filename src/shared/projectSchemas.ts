// The schemas of the projects' requests (projects.ts has the rest, without zod).
import { z } from 'zod'
import { MAX_ATTACHMENT_BYTES } from './attachments/limits'
import { modelIdSchema } from './modelSchemas'
import { chatParamsSchema } from './params'
import { MAX_PROJECT_INSTRUCTIONS, MAX_PROJECT_NAME, PROJECT_CHATS_ON_DELETE } from './projects'

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
