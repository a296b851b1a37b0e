// A project's files (migration 13): documents in the attachment store, by hash, whose text (kept
// once in document_text) every chat in the project sends as context, in the project's order.
import type { ProjectFile } from '../../shared/projects'
import { documentPartText } from '../attachments/documents/extract'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'

interface FileRow {
  project_id: number
  sha256: string
  name: string
  mime: string
  bytes: number
  tokens: number
  pages: number | null
}

const SELECT = `SELECT f.project_id, f.sha256, f.name, f.mime, f.bytes, f.tokens, d.pages
  FROM project_files f LEFT JOIN document_text d ON d.sha256 = f.sha256`

const toFile = (row: FileRow): ProjectFile => ({
  sha256: row.sha256,
  name: row.name,
  bytes: row.bytes,
  pages: row.pages,
  tokens: row.tokens
})

/** Every project's files, by project id, each list in the project's order. */
export function filesByProject(db: HistoryDatabase): Map<number, ProjectFile[]> {
  const byProject = new Map<number, ProjectFile[]>()
  const rows = prepared<[], FileRow>(db, `${SELECT} ORDER BY f.project_id, f.position`).all()
  for (const row of rows) {
    const list = byProject.get(row.project_id) ?? []
    list.push(toFile(row))
    byProject.set(row.project_id, list)
  }
  return byProject
}

/** A project's files, in order. */
export function projectFiles(db: HistoryDatabase, projectId: number): ProjectFile[] {
  return prepared<[number], FileRow>(db, `${SELECT} WHERE f.project_id = ? ORDER BY f.position`)
    .all(projectId)
    .map(toFile)
}

/** A project's file as stored: its record and the estimated tokens of its text part. */
export interface StoredProjectFile {
  sha256: string
  name: string
  mime: string
  bytes: number
  tokens: number
}

/** A project's files as stored, in order. */
export function storedProjectFiles(db: HistoryDatabase, projectId: number): StoredProjectFile[] {
  return prepared<[number], StoredProjectFile>(
    db,
    `SELECT sha256, name, mime, bytes, tokens FROM project_files WHERE project_id = ?
     ORDER BY position`
  ).all(projectId)
}

/** Adds a file last in the project's order; false when the project already has it. */
export function addProjectFile(
  db: HistoryDatabase,
  projectId: number,
  file: StoredProjectFile,
  now: number
): boolean {
  return (
    prepared(
      db,
      `INSERT OR IGNORE INTO project_files
         (project_id, sha256, name, mime, bytes, tokens, position, added_at)
       VALUES (?, ?, ?, ?, ?, ?,
         (SELECT coalesce(max(position), -1) + 1 FROM project_files WHERE project_id = ?), ?)`
    ).run(projectId, file.sha256, file.name, file.mime, file.bytes, file.tokens, projectId, now)
      .changes > 0
  )
}

/** Removes a file from a project; false when it was not there. */
export function removeProjectFile(db: HistoryDatabase, projectId: number, sha256: string): boolean {
  return (
    prepared(db, 'DELETE FROM project_files WHERE project_id = ? AND sha256 = ?').run(
      projectId,
      sha256
    ).changes > 0
  )
}

/** The hashes of a project's files (read these before deleting it). */
export function projectFileHashes(db: HistoryDatabase, projectId: number): string[] {
  return prepared<[number], string>(db, 'SELECT sha256 FROM project_files WHERE project_id = ?')
    .pluck()
    .all(projectId)
}

/**
 * The text parts a project's chats send before their messages, in the project's order (each
 * file's text with its name and pages around it), and their estimated tokens. A file whose text
 * is gone is left out.
 */
export function projectFileParts(
  db: HistoryDatabase,
  projectId: number
): { parts: string[]; tokens: number } {
  const rows = prepared<
    [number],
    { name: string; tokens: number; text: string; pages: number | null }
  >(
    db,
    `SELECT f.name, f.tokens, d.text, d.pages
     FROM project_files f JOIN document_text d ON d.sha256 = f.sha256
     WHERE f.project_id = ? ORDER BY f.position`
  ).all(projectId)
  return {
    parts: rows.map((row) => documentPartText(row.name, row)),
    tokens: rows.reduce((sum, row) => sum + row.tokens, 0)
  }
}
