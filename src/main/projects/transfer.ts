// Projects in export files: each with a uid that survives export, so an import adds a project
// only when it is not there yet, and puts the conversations it adds back in their project. A
// project's files travel as their record and extracted text (the files stay in the store).
import type { ChatParams } from '../../shared/params'
import { MAX_PROJECT_FILES } from '../../shared/projects'
import { estimateTextTokens } from '../../shared/tokenEstimate'
import { documentTexts } from '../attachments/documents/texts'
import { documentPartText, type ExtractedDocument } from '../attachments/documents/extract'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'
import { addProjectFile, storedProjectFiles, type StoredProjectFile } from './files'
import { listProjects } from './projects'

/** A project as an export file holds it. */
export interface ExportedProject {
  uid: string
  name: string
  instructions: string
  defaultModel: string | null
  defaultParams: ChatParams
  createdAt: number
  updatedAt: number
  /** Its files, in order, each with its text. */
  files: Array<Omit<StoredProjectFile, 'tokens'> & { document: ExtractedDocument }>
}

/** The projects to export, in the user's order: all of them, or only those `ids` name. */
export function exportProjects(db: HistoryDatabase, ids?: ReadonlySet<number>): ExportedProject[] {
  const uidOf = prepared<[number], string>(db, 'SELECT uid FROM projects WHERE id = ?').pluck()
  const texts = documentTexts(db)
  const filesOf = (id: number) =>
    storedProjectFiles(db, id).flatMap(({ tokens: _tokens, ...file }) => {
      const document = texts.get(file.sha256)
      return document ? [{ ...file, document }] : []
    })
  return listProjects(db)
    .filter((project) => !ids || ids.has(project.id))
    .map((project) => ({
      uid: uidOf.get(project.id)!,
      name: project.name,
      instructions: project.instructions,
      defaultModel: project.defaultModel,
      defaultParams: project.defaultParams,
      createdAt: project.createdAt,
      updatedAt: project.updatedAt,
      files: filesOf(project.id)
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
 * Adds the projects the database does not have (by uid), after the others, and the files each
 * project lacks, after its own; call inside the import's transaction. Returns how many projects
 * were added.
 */
export function importProjects(
  db: HistoryDatabase,
  projects: readonly ExportedProject[],
  now: number = Date.now()
): number {
  const known = prepared<[string], number>(db, 'SELECT id FROM projects WHERE uid = ?').pluck()
  const insert = prepared<
    [string, string, string, string | null, string, number, number],
    { id: number }
  >(
    db,
    `INSERT INTO projects (uid, name, instructions, default_model, default_params, position,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM projects), ?, ?)
     RETURNING id`
  )
  const texts = documentTexts(db)
  let added = 0
  for (const project of projects) {
    let id = known.get(project.uid)
    if (id === undefined) {
      id = insert.get(
        project.uid,
        project.name,
        project.instructions,
        project.defaultModel,
        JSON.stringify(project.defaultParams),
        project.createdAt,
        project.updatedAt
      )!.id
      added++
    }
    // Up to the most files a project holds; those past it are left out.
    let room = MAX_PROJECT_FILES - storedProjectFiles(db, id).length
    for (const { document, ...file } of project.files) {
      if (room <= 0) break
      texts.put(file.sha256, document)
      const tokens = estimateTextTokens(documentPartText(file.name, document))
      if (addProjectFile(db, id, { ...file, tokens }, now)) room--
    }
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
