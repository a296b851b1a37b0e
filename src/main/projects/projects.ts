// The projects table: create, edit, reorder, delete, and which project a conversation is in.
// A project's files are files.ts (a table of their own, keyed by project id).
import { chatParamsSchema, type ChatParams } from '../../shared/params'
import type { Project } from '../../shared/projects'
import type { ProjectFields } from '../../shared/projectSchemas'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'
import { AppError } from '../errors'
import { getSettings } from '../settings/settings'
import { filesByProject, projectFileParts, projectFiles } from './files'

interface ProjectRow {
  id: number
  name: string
  instructions: string
  default_model: string | null
  default_params: string
  conversation_count: number
  created_at: number
  updated_at: number
}

/** Stored parameters; {} when they no longer parse (nothing is then sent). */
function parseDefaultParams(stored: string): ChatParams {
  try {
    const parsed = chatParamsSchema.safeParse(JSON.parse(stored))
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

const toProject = (row: ProjectRow, files: Project['files']): Project => ({
  id: row.id,
  name: row.name,
  instructions: row.instructions,
  defaultModel: row.default_model,
  defaultParams: parseDefaultParams(row.default_params),
  conversationCount: row.conversation_count,
  files,
  createdAt: row.created_at,
  updatedAt: row.updated_at
})

const SELECT = `SELECT p.*, (SELECT count(*) FROM conversations c WHERE c.project_id = p.id)
  AS conversation_count FROM projects p`

/** Every project, in the user's order. */
export function listProjects(db: HistoryDatabase): Project[] {
  const files = filesByProject(db)
  return prepared<[], ProjectRow>(db, `${SELECT} ORDER BY p.position, p.id`)
    .all()
    .map((row) => toProject(row, files.get(row.id) ?? []))
}

/** One project, or undefined. */
export function getProject(db: HistoryDatabase, id: number): Project | undefined {
  const row = prepared<[number], ProjectRow>(db, `${SELECT} WHERE p.id = ?`).get(id)
  return row && toProject(row, projectFiles(db, id))
}

/** The project named `name` (case-insensitively, as typed in the CLI), or undefined. */
export function findProjectByName(db: HistoryDatabase, name: string): Project | undefined {
  const row = prepared<[string], ProjectRow>(
    db,
    `${SELECT} WHERE p.name = ? COLLATE NOCASE ORDER BY p.position, p.id LIMIT 1`
  ).get(name.trim())
  return row && toProject(row, projectFiles(db, row.id))
}

/** A new project, last in the order. */
export function createProject(
  db: HistoryDatabase,
  fields: ProjectFields & { name: string },
  now: number
): Project {
  const { id } = prepared<[string, string, string | null, string, number, number], { id: number }>(
    db,
    `INSERT INTO projects (name, instructions, default_model, default_params, position, created_at,
       updated_at)
     VALUES (?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM projects), ?, ?)
     RETURNING id`
  ).get(
    fields.name,
    fields.instructions ?? '',
    fields.defaultModel ?? null,
    JSON.stringify(fields.defaultParams ?? {}),
    now,
    now
  )!
  return getProject(db, id)!
}

/** Changes the fields given; false when there is no such project. */
export function updateProject(
  db: HistoryDatabase,
  id: number,
  fields: ProjectFields,
  now: number
): boolean {
  const current = getProject(db, id)
  if (!current) return false
  prepared(
    db,
    `UPDATE projects SET name = ?, instructions = ?, default_model = ?, default_params = ?,
       updated_at = ? WHERE id = ?`
  ).run(
    fields.name ?? current.name,
    fields.instructions ?? current.instructions,
    fields.defaultModel === undefined ? current.defaultModel : fields.defaultModel,
    JSON.stringify(fields.defaultParams ?? current.defaultParams),
    now,
    id
  )
  return true
}

/**
 * Puts the projects in the order of `ids`; projects not named keep their order after them.
 * Unknown ids are ignored.
 */
export function reorderProjects(db: HistoryDatabase, ids: readonly number[]): void {
  const named = new Set(ids)
  const rest = listProjects(db)
    .map((project) => project.id)
    .filter((id) => !named.has(id))
  const setPosition = prepared(db, 'UPDATE projects SET position = ? WHERE id = ?')
  db.transaction(() => {
    for (const [position, id] of [...ids, ...rest].entries()) setPosition.run(position, id)
  })()
}

/** The ids of a project's conversations. */
export function projectConversationIds(db: HistoryDatabase, id: number): number[] {
  return prepared<[number], number>(db, 'SELECT id FROM conversations WHERE project_id = ?')
    .pluck()
    .all(id)
}

/** Deletes a project; its conversations (those still there) are left outside any project. */
export function deleteProject(db: HistoryDatabase, id: number): boolean {
  return prepared(db, 'DELETE FROM projects WHERE id = ?').run(id).changes > 0
}

/** Moves a conversation into a project, or out of any (null); false when it does not exist. */
export function setConversationProject(
  db: HistoryDatabase,
  conversationId: number,
  projectId: number | null
): boolean {
  return (
    prepared(db, 'UPDATE conversations SET project_id = ? WHERE id = ?').run(
      projectId,
      conversationId
    ).changes > 0
  )
}

/** What a chat's project adds to each of its requests: its instructions and its files' text. */
export interface ProjectContext {
  /** '' = none. */
  instructions: string
  /** Each file as its text part (`<file name=…>…</file>`), in the project's order. */
  files: string[]
  /** The files' estimated tokens, measured when each was added. */
  fileTokens: number
}

/** Outside any project: nothing added. */
export const NO_PROJECT: ProjectContext = { instructions: '', files: [], fileTokens: 0 }

/** What the chats of project `id` carry, with its `instructions`. */
function contextOf(db: HistoryDatabase, id: number, instructions: string): ProjectContext {
  const { parts, tokens } = projectFileParts(db, id)
  return { instructions, files: parts, fileTokens: tokens }
}

/** What a conversation's requests carry from its project; NO_PROJECT outside any. */
export function projectContextOf(db: HistoryDatabase, conversationId: number): ProjectContext {
  const row = prepared<[number], { id: number; instructions: string }>(
    db,
    `SELECT p.id, p.instructions FROM conversations c JOIN projects p ON p.id = c.project_id
     WHERE c.id = ?`
  ).get(conversationId)
  return row ? contextOf(db, row.id, row.instructions) : NO_PROJECT
}

/**
 * How a new chat starts: in the project `id` with its default parameters, its instructions and
 * its files, or in none with the default parameters in Settings. Throws not_found for a project
 * that is gone.
 */
export function newChatStart(
  db: HistoryDatabase,
  id: number | undefined
): { projectId: number | null; params: ChatParams; project: ProjectContext } {
  if (id === undefined)
    return { projectId: null, params: getSettings(db).defaultParams, project: NO_PROJECT }
  const project = getProject(db, id)
  if (!project) throw new AppError('not_found', 'That project no longer exists.')
  return {
    projectId: id,
    params: project.defaultParams,
    project: contextOf(db, id, project.instructions)
  }
}
