// The export file's format: what a file must hold to be imported, checked with zod before any of
// it is read. Export and import themselves are transfer.ts.
import { z } from 'zod'
import { ERROR_CODES } from '../../shared/errors'
import { chatParamsSchema } from '../../shared/params'
import {
  MAX_PROJECT_FILES,
  MAX_PROJECT_INSTRUCTIONS,
  MAX_PROJECT_NAME
} from '../../shared/projects'
import { AppError } from '../errors'

export const EXPORT_FORMAT = 'seed-chat-history'

const usage = z
  .object({
    promptTokens: z.number().int(),
    completionTokens: z.number().int(),
    reasoningTokens: z.number().int().nullable()
  })
  .nullable()

// Attachments travel as their metadata; the files themselves stay in the attachment store. A
// document carries its extracted text (what is sent and searched), so an import has it again.
const exportedAttachment = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(['image', 'video', 'document']),
  name: z.string().max(1000),
  mime: z.string().max(100),
  bytes: z.number().int().min(0),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationSeconds: z.number().nullable(),
  fps: z.number().nullable(),
  document: z
    .object({
      format: z.enum(['pdf', 'docx', 'text', 'html']),
      text: z.string(),
      pages: z.number().int().min(0).nullable()
    })
    .optional()
})

const exportedMessage = z.object({
  uid: z.string().min(1).max(100),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  reasoning: z.string(),
  status: z.enum(['streaming', 'done', 'stopped', 'error', 'interrupted']),
  model: z.string().nullable(),
  finishReason: z.string().nullable(),
  usage,
  error: z
    .object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      status: z.number().int().optional(),
      retryAfterSeconds: z.number().optional()
    })
    .nullable(),
  attachments: z.array(exportedAttachment).default([]),
  /** A reply's parameters; absent in older exports, and dropped when no longer valid. */
  params: chatParamsSchema.nullable().default(null).catch(null),
  createdAt: z.number().int(),
  /**
   * The uid of the message it follows; null at the start. Absent in exports made before history
   * was a tree: such a message follows the one before it in the file.
   */
  parentUid: z.string().min(1).max(100).nullable().optional(),
  reasoningMs: z.number().int().min(0).nullable().optional()
})

const exportedConversation = z.object({
  uid: z.string().min(1).max(100),
  /** The uid of its project (in the file's projects, or already here); absent or null: none. */
  projectUid: z.string().min(1).max(100).nullable().optional(),
  title: z.string(),
  model: z.string(),
  params: chatParamsSchema.default({}).catch({}),
  pinned: z.boolean(),
  /** When it was archived (ms); null or absent (older exports): not archived. */
  archivedAt: z.number().int().nullable().optional(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  messages: z.array(exportedMessage),
  /** The uid of the last message of the path shown; absent in older exports (the last message). */
  currentLeafUid: z.string().min(1).max(100).nullable().optional()
})

// A project as exported; its default parameters are dropped when no longer valid. Its files
// travel as their record and extracted text, like a message's documents (absent in older files).
const exportedProject = z.object({
  uid: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(MAX_PROJECT_NAME),
  instructions: z.string().max(MAX_PROJECT_INSTRUCTIONS),
  defaultModel: z.string().max(200).nullable(),
  defaultParams: chatParamsSchema.default({}).catch({}),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  files: z
    .array(
      exportedAttachment
        .pick({ sha256: true, name: true, mime: true, bytes: true })
        .extend({ document: exportedAttachment.shape.document.unwrap() })
    )
    .max(MAX_PROJECT_FILES)
    .default([])
})

const exportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.number().int(),
  /** Absent in exports made before projects. */
  projects: z.array(exportedProject).default([]),
  conversations: z.array(exportedConversation)
})

export type ExportFile = z.infer<typeof exportFile>
export type ExportedConversation = z.infer<typeof exportedConversation>

/** Parses an export file; throws with a message a user can act on. */
export function parseExport(text: string): ExportFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new AppError('import_failed', 'The file is not JSON.', { reason: 'not_json' })
  }
  const parsed = exportFile.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    // The reason is for the UI's words; the message (English, for logs and the CLI) says where.
    throw new AppError(
      'import_failed',
      `The file is not a Seed Chat export (${issue.path.join('.') || 'top level'}: ${issue.message}).`,
      { reason: 'not_export' }
    )
  }
  return parsed.data
}
