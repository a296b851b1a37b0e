// Projects: listing, creating, editing, reordering and deleting them (their chats moved out or
// deleted with them), their files, and moving a conversation in or out of one.
import type { Handlers } from '../../shared/contract'
import { MAX_PROJECT_FILES } from '../../shared/projects'
import type { Conversation } from '../../shared/types'
import type { AttachmentCatalog } from '../attachments/catalog'
import { removeOrphans } from '../attachments/cleanup'
import type { DocumentTexts } from '../attachments/documents/texts'
import { ingestDocumentFile } from '../attachments/ingest'
import { conversationHashes } from '../attachments/records'
import type { AttachmentStore } from '../attachments/store'
import { AppError, stillStreaming } from '../errors'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'
import * as files from './files'
import * as projects from './projects'

export type ProjectRequest =
  | 'listProjects'
  | 'createProject'
  | 'updateProject'
  | 'reorderProjects'
  | 'deleteProject'
  | 'setConversationProject'
  | 'addProjectFile'
  | 'removeProjectFile'

/** What the project requests use besides the database (the history's, handed down). */
export interface ProjectNeeds {
  /** To refuse deleting a chat whose reply streams. */
  chat: { isStreaming(conversationId: number): boolean }
  /** To remove the files only deleted conversations used. */
  store: AttachmentStore
  catalog: AttachmentCatalog
  /** Where documents' text is kept (a project's files are documents). */
  documents: DocumentTexts
  /** A conversation as the history reads it; undefined when it does not exist. */
  conversation(id: number): Conversation | undefined
  now?: () => number
}

/** The project requests over an open database. */
export function projectHandlers(
  db: HistoryDatabase,
  needs: ProjectNeeds
): Pick<Handlers, ProjectRequest> {
  const now = needs.now ?? Date.now
  const existing = (id: number) => {
    const project = projects.getProject(db, id)
    if (!project) throw new AppError('not_found', 'That project no longer exists.')
    return project
  }
  return {
    listProjects: async () => projects.listProjects(db),
    createProject: async (fields) => projects.createProject(db, fields, now()),
    updateProject: async ({ id, ...fields }) => {
      existing(id)
      projects.updateProject(db, id, fields, now())
      return existing(id)
    },
    reorderProjects: async ({ ids }) => {
      projects.reorderProjects(db, ids)
      return projects.listProjects(db)
    },
    deleteProject: async ({ id, chats }) => {
      existing(id)
      const fileHashes = files.projectFileHashes(db, id)
      if (chats === 'move_out') {
        projects.deleteProject(db, id)
        await removeOrphans(db, needs.store, fileHashes, needs.catalog.draftHashes())
        return null
      }
      const ids = projects.projectConversationIds(db, id)
      if (ids.some((conversationId) => needs.chat.isStreaming(conversationId)))
        throw stillStreaming('conversation')
      const hashes = [
        ...fileHashes,
        ...ids.flatMap((conversationId) => conversationHashes(db, conversationId))
      ]
      const remove = prepared(db, 'DELETE FROM conversations WHERE id = ?')
      db.transaction(() => {
        for (const conversationId of ids) remove.run(conversationId)
        projects.deleteProject(db, id)
      })()
      await removeOrphans(db, needs.store, hashes, needs.catalog.draftHashes())
      return null
    },
    addProjectFile: async ({ projectId, name, data }) => {
      if (existing(projectId).files.length >= MAX_PROJECT_FILES) {
        throw new AppError(
          'attachment_refused',
          `A project holds at most ${MAX_PROJECT_FILES} files; remove one first.`,
          { reason: 'too_many', params: { limit: MAX_PROJECT_FILES } }
        )
      }
      const ingested = await ingestDocumentFile(needs.store, { name, bytes: data }, needs.documents)
      if (!ingested.ok) {
        throw new AppError('attachment_refused', ingested.error.message, {
          reason: ingested.error.code,
          params: ingested.error.params
        })
      }
      const { sha256, mime, bytes, document } = ingested.value
      // The project may be gone while the file was read: then the file goes too.
      if (!projects.getProject(db, projectId)) {
        await removeOrphans(db, needs.store, [sha256], needs.catalog.draftHashes())
        existing(projectId)
      }
      const file = { sha256, name: ingested.value.name, mime, bytes, tokens: document?.tokens ?? 0 }
      files.addProjectFile(db, projectId, file, now())
      return existing(projectId)
    },
    removeProjectFile: async ({ projectId, sha256 }) => {
      existing(projectId)
      if (files.removeProjectFile(db, projectId, sha256))
        await removeOrphans(db, needs.store, [sha256], needs.catalog.draftHashes())
      return existing(projectId)
    },
    setConversationProject: async ({ id, projectId }) => {
      if (!needs.conversation(id))
        throw new AppError('not_found', 'That conversation no longer exists.')
      if (projectId !== null) existing(projectId)
      projects.setConversationProject(db, id, projectId)
      return needs.conversation(id)!
    }
  }
}
