// The history's schema changes, numbered, one file each (Signal Desktop's ts/sql/migrations).
// A migration is frozen history: once released it is never edited, and it never calls today's
// table code (which will change under it); it carries its own SQL. The database's `user_version`
// is the number of the last migration applied.
import type Database from 'better-sqlite3'
import { appLog } from '../../log/logger'
import { createConversationsMessagesSettings } from './0001-conversations-messages-settings'
import { addFullTextSearch } from './0002-full-text-search'
import { addUidsAndPins } from './0003-uids-and-pins'
import { addMessageAttachments } from './0004-message-attachments'
import { addConversationParameters } from './0005-conversation-parameters'
import { addMessageTree } from './0006-message-tree'
import { makeIdsNeverReused } from './0007-ids-never-reused'
import { addReplyOwners } from './0008-reply-owners'
import { addImageText } from './0009-image-text'
import { addArchive } from './0010-archive'
import { addProjects } from './0011-projects'
import { addDocumentText } from './0012-document-text'
import { addProjectFiles } from './0013-project-files'
import { addAttachmentPages } from './0014-attachment-pages'
import { addSearchFilterIndexes } from './0015-search-filter-indexes'
import { addMessageDays } from './0016-message-days'

export type Migration = (db: Database.Database) => void

/** Migration N is at index N - 1. */
export const migrations: ReadonlyArray<Migration> = [
  createConversationsMessagesSettings,
  addFullTextSearch,
  addUidsAndPins,
  addMessageAttachments,
  addConversationParameters,
  addMessageTree,
  makeIdsNeverReused,
  addReplyOwners,
  addImageText,
  addArchive,
  addProjects,
  addDocumentText,
  addProjectFiles,
  addAttachmentPages,
  addSearchFilterIndexes,
  addMessageDays
]

export const SCHEMA_VERSION = migrations.length

/**
 * Applies the migrations after the database's version up to `version`, all in one transaction.
 * From migration 2 on, search_text() must be registered on the connection (registerSearchFunctions).
 */
export function migrateTo(db: Database.Database, version: number = SCHEMA_VERSION): void {
  const from = db.pragma('user_version', { simple: true }) as number
  if (version < from || version > SCHEMA_VERSION) {
    throw new Error(
      `Cannot migrate the history from schema ${from} to ${version} (this app knows ${SCHEMA_VERSION}).`
    )
  }
  if (from === version) return
  // SQLite's procedure for rebuilding a table: foreign keys off (they cannot change inside a
  // transaction, and dropping the old table must not cascade), checked before the commit.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
  db.pragma('foreign_keys = OFF')
  try {
    db.transaction(() => {
      for (const migration of migrations.slice(from, version)) migration(db)
      const broken = db.pragma('foreign_key_check') as unknown[]
      if (broken.length > 0) {
        throw new Error(`The migration broke ${broken.length} foreign keys; nothing was changed.`)
      }
      db.pragma(`user_version = ${version}`)
    })()
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`)
  }
  appLog.scope('history').info(`migrated from schema ${from} to ${version}`)
}
