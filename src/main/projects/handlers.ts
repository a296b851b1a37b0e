// Projects: listing, creating, editing, reordering and deleting them (their chats moved out or
// deleted with them), and moving a conversation in or out of one.
import type { Handlers } from '../../shared/contract'
import type { Conversation } from '../../shared/types'
import type { AttachmentCatalog } from '../attachments/catalog'
import { removeOrphans } from '../attachments/cleanup'
import { conversationHashes } from '../attachments/records'
import type { AttachmentStore } from '../attachments/store'
import { AppError, stillStreaming } from '../errors'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'
import * as projects from './projects'

export type ProjectRequest =
  | 'listProjects'
  | 'createProject'
  | 'updateProject'
  | 'reorderProjects'
  | 'deleteProject'
  | 'setConversationProject'

/** What the project requests use besides the database (the history's, handed down). */
export interface ProjectNeeds {
  /** To refuse deleting a chat whose reply streams. */
  chat: { isStreaming(conversationId: number): boolean }
  /** To remove the files only deleted conversations used. */
  store: AttachmentStore
  catalog: AttachmentCatalog
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
      if (chats === 'move_out') {
        projects.deleteProject(db, id)
        return null
      }
      const ids = projects.projectConversationIds(db, id)
      if (ids.some((conversationId) => needs.chat.isStreaming(conversationId)))
        throw stillStreaming('conversation')
      const hashes = ids.flatMap((conversationId) => conversationHashes(db, conversationId))
      const remove = prepared(db, 'DELETE FROM conversations WHERE id = ?')
      db.transaction(() => {
        for (const conversationId of ids) remove.run(conversationId)
        projects.deleteProject(db, id)
      })()
      await removeOrphans(db, needs.store, hashes, needs.catalog.draftHashes())
      return null
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
