// Projects in export files: each with a uid that survives export, so an import adds a project
// only when it is not there yet, and puts the conversations it adds back in their project.
import type { ChatParams } from '../../shared/params'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'
import { listProjects } from './projects'

/** A project as an export file holds it (its files are not carried yet). */
export interface ExportedProject {
  uid: string
  name: string
  instructions: string
  defaultModel: string | null
  defaultParams: ChatParams
  createdAt: number
  updatedAt: number
}

/** The projects to export, in the user's order: all of them, or only those `ids` name. */
export function exportProjects(db: HistoryDatabase, ids?: ReadonlySet<number>): ExportedProject[] {
  const uidOf = prepared<[number], string>(db, 'SELECT uid FROM projects WHERE id = ?').pluck()
  return listProjects(db)
    .filter((project) => !ids || ids.has(project.id))
    .map((project) => ({
      uid: uidOf.get(project.id)!,
      name: project.name,
      instructions: project.instructions,
      defaultModel: project.defaultModel,
      defaultParams: project.defaultParams,
      createdAt: project.createdAt,
      updatedAt: project.updatedAt
    }))
}

/** The uid of a conversation's project; null when it is in none. */
export function projectUidOf(db: HistoryDatabase, conversationId: number): string | null {
  return (
    prepared<[number], string>(
      db,
      'SELECT p.uid FROM conversations c JOIN projects p ON p.id = c.project_id WHERE c.id = ?'
    )
      .pluck()
      .get(conversationId) ?? null
  )
}

/**
 * Adds the projects the database does not have (by uid), after the others; call inside the
 * import's transaction. Returns how many were added.
 */
export function importProjects(db: HistoryDatabase, projects: readonly ExportedProject[]): number {
  const known = prepared<[string], number>(db, 'SELECT id FROM projects WHERE uid = ?').pluck()
  const insert = prepared(
    db,
    `INSERT INTO projects (uid, name, instructions, default_model, default_params, position,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM projects), ?, ?)`
  )
  let added = 0
  for (const project of projects) {
    if (known.get(project.uid) !== undefined) continue
    insert.run(
      project.uid,
      project.name,
      project.instructions,
      project.defaultModel,
      JSON.stringify(project.defaultParams),
      project.createdAt,
      project.updatedAt
    )
    added++
  }
  return added
}

/** The id of the project with this uid here; null when there is none (or no uid). */
export function projectIdOfUid(db: HistoryDatabase, uid: string | null | undefined): number | null {
  if (!uid) return null
  return (
    prepared<[string], number>(db, 'SELECT id FROM projects WHERE uid = ?').pluck().get(uid) ?? null
  )
}
