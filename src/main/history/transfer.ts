// Export and import. Every conversation and message carries a uid that survives export, so an
// import adds only what is not there yet, however often the same file is imported.
import type { Conversation, ExportedFile, ImportSummary, Message } from '../../shared/types'
import type { ChatParams } from '../../shared/params'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'
import { attachToMessage, listConversationAttachments } from '../attachments/records'
import { documentTexts } from '../attachments/documents/texts'
import { exportProjects, importProjects, projectIdOfUid, projectUidOf } from '../projects/transfer'
import { currentPath, listMessages } from './messages'
import { parseParams } from './params'
import { EXPORT_FORMAT, type ExportFile, type ExportedConversation } from './exportFile'

interface Uids {
  conversation: string
  messages: Map<number, string>
  pinned: boolean
  archivedAt: number | null
  currentLeaf: number | null
}

function uidsOf(db: HistoryDatabase, conversationId: number): Uids {
  const row = prepared<
    [number],
    {
      uid: string
      pinned_at: number | null
      archived_at: number | null
      current_leaf_id: number | null
    }
  >(db, 'SELECT uid, pinned_at, archived_at, current_leaf_id FROM conversations WHERE id = ?').get(
    conversationId
  )!
  const messages = prepared<[number], { id: number; uid: string }>(
    db,
    'SELECT id, uid FROM messages WHERE conversation_id = ?'
  ).all(conversationId)
  return {
    conversation: row.uid,
    pinned: row.pinned_at !== null,
    archivedAt: row.archived_at,
    messages: new Map(messages.map((m) => [m.id, m.uid])),
    currentLeaf: row.current_leaf_id
  }
}

function toExported(db: HistoryDatabase, conversation: Conversation): ExportedConversation {
  const uids = uidsOf(db, conversation.id)
  const attachments = listConversationAttachments(db, conversation.id)
  const documents = documentTexts(db)
  return {
    uid: uids.conversation,
    projectUid: projectUidOf(db, conversation.id),
    title: conversation.title,
    model: conversation.model,
    params: conversation.params,
    pinned: uids.pinned,
    archivedAt: uids.archivedAt,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    currentLeafUid:
      uids.currentLeaf === null ? null : (uids.messages.get(uids.currentLeaf) ?? null),
    // Every branch, parents before children (ids grow down a branch).
    messages: listMessages(db, conversation.id).map((message: Message) => ({
      uid: uids.messages.get(message.id)!,
      parentUid: message.parentId === null ? null : (uids.messages.get(message.parentId) ?? null),
      reasoningMs: message.reasoningMs,
      role: message.role,
      content: message.content,
      reasoning: message.reasoning,
      status: message.status,
      model: message.model,
      finishReason: message.finishReason,
      usage: message.usage,
      error: message.error,
      attachments: (attachments.get(message.id) ?? []).map(
        ({ messageId: _message, ordinal: _ordinal, ...attachment }) => {
          const document = attachment.kind === 'document' && documents.get(attachment.sha256)
          const pages = attachment.pages ?? null
          return document ? { ...attachment, pages, document } : { ...attachment, pages }
        }
      ),
      params: message.params,
      createdAt: message.createdAt
    }))
  }
}

function fileSafe(title: string): string {
  const name = title
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this removes
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .trim()
    .slice(0, 80)
  return name || 'conversation'
}

/** One conversation as Markdown (for people) or JSON (the import format). */
export function exportConversation(
  db: HistoryDatabase,
  conversation: Conversation,
  format: 'markdown' | 'json',
  now: number = Date.now()
): ExportedFile {
  const exported = toExported(db, conversation)
  if (format === 'json') {
    const file: ExportFile = {
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: now,
      projects: conversation.projectId ? exportProjects(db, new Set([conversation.projectId])) : [],
      conversations: [exported]
    }
    return {
      fileName: `${fileSafe(conversation.title)}.json`,
      mime: 'application/json',
      text: JSON.stringify(file, null, 2)
    }
  }
  const parts = [`# ${conversation.title || 'Conversation'}`, '', `Model: ${conversation.model}`]
  const settings = describeParams(conversation.params, conversation.params.systemPrompt)
  if (settings) parts.push('', `Settings: ${settings}`)
  if (conversation.params.systemPrompt) {
    parts.push(
      '',
      '> **System prompt**',
      '>',
      ...conversation.params.systemPrompt.split('\n').map((line) => `> ${line}`)
    )
  }
  // For people: the conversation as shown (the current path), not the versions beside it.
  const shown = new Set(currentPath(db, conversation.id).map((message) => message.id))
  const uids = uidsOf(db, conversation.id)
  const shownUids = new Set([...shown].map((id) => uids.messages.get(id)))
  for (const message of exported.messages.filter((m) => shownUids.has(m.uid))) {
    parts.push(
      '',
      message.role === 'user' ? '## You' : `## Assistant (${message.model ?? conversation.model})`,
      ''
    )
    const made = message.params && describeParams(message.params, conversation.params.systemPrompt)
    if (made) parts.push(`_${made}_`, '')
    if (message.reasoning) {
      parts.push(
        '> **Thinking**',
        '>',
        ...message.reasoning.split('\n').map((line) => `> ${line}`),
        ''
      )
    }
    for (const attachment of message.attachments) {
      parts.push(`_[${attachment.kind}: ${attachment.name}]_`, '')
    }
    parts.push(message.content)
    if (message.status === 'stopped') parts.push('', '_(stopped)_')
    if (message.status === 'error' && message.error)
      parts.push('', `_(failed: ${message.error.message})_`)
  }
  return {
    fileName: `${fileSafe(conversation.title)}.md`,
    mime: 'text/markdown',
    text: `${parts.join('\n')}\n`
  }
}

/**
 * Parameters in people's words, e.g. "temperature 0.3 · thinking off · last 2 turns of history";
 * empty when all are default. A system prompt equal to `shownPrompt` is not repeated.
 */
export function describeParams(params: ChatParams, shownPrompt?: string): string {
  const words: string[] = []
  if (params.systemPrompt !== undefined && params.systemPrompt !== shownPrompt) {
    const prompt = params.systemPrompt.replace(/\s+/g, ' ')
    words.push(`system prompt “${prompt.length > 60 ? `${prompt.slice(0, 59)}…` : prompt}”`)
  }
  if (params.temperature !== undefined) words.push(`temperature ${params.temperature}`)
  if (params.topP !== undefined) words.push(`top_p ${params.topP}`)
  if (params.maxTokens !== undefined) words.push(`at most ${params.maxTokens} tokens`)
  if (params.stop !== undefined)
    words.push(`stops at ${params.stop.map((stop) => JSON.stringify(stop)).join(', ')}`)
  if (params.thinking !== undefined)
    words.push(params.thinking === 'enabled' ? 'thinking on' : 'thinking off')
  if (params.reasoningEffort !== undefined) words.push(`reasoning effort ${params.reasoningEffort}`)
  if (params.historyTurns !== undefined) {
    words.push(
      params.historyTurns === 1
        ? 'last turn of history'
        : `last ${params.historyTurns} turns of history`
    )
  }
  return words.join(' · ')
}

/** Everything, as one JSON file. */
export function exportAll(db: HistoryDatabase, now: number = Date.now()): ExportedFile {
  const conversations = prepared<
    [],
    {
      id: number
      title: string
      model: string
      params: string
      created_at: number
      updated_at: number
    }
  >(db, 'SELECT id, title, model, params, created_at, updated_at FROM conversations ORDER BY id')
    .all()
    .map((row) =>
      toExported(db, {
        id: row.id,
        title: row.title,
        model: row.model,
        params: parseParams(row.params) ?? {},
        createdAt: row.created_at,
        updatedAt: row.updated_at
      } as Conversation)
    )
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now,
    projects: exportProjects(db),
    conversations
  }
  return {
    fileName: `seed-chat-history-${new Date(now).toISOString().slice(0, 10)}.json`,
    mime: 'application/json',
    text: JSON.stringify(file)
  }
}

/** Adds what the file has and the database lacks, in one transaction. */
export function importAll(db: HistoryDatabase, file: ExportFile): ImportSummary {
  const summary: ImportSummary = { conversationsAdded: 0, messagesAdded: 0, messagesSkipped: 0 }
  const findConversation = prepared<[string], { id: number }>(
    db,
    'SELECT id FROM conversations WHERE uid = ?'
  )
  const hasMessage = prepared<[string], { id: number }>(db, 'SELECT id FROM messages WHERE uid = ?')
  const insertConversation = prepared<
    [string, string, string, string, number, number, number | null, number | null, number | null],
    { id: number }
  >(
    db,
    `INSERT INTO conversations (uid, title, model, params, created_at, updated_at, pinned_at,
       archived_at, project_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
  )
  const insertMessage = prepared(
    db,
    `INSERT INTO messages (uid, conversation_id, parent_id, role, content, reasoning, status, model, finish_reason,
       prompt_tokens, completion_tokens, reasoning_tokens, reasoning_ms, error, params, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const setLeaf = prepared(db, 'UPDATE conversations SET current_leaf_id = ? WHERE id = ?')
  const touch = prepared(
    db,
    'UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?'
  )
  db.transaction(() => {
    // A conversation already here stays in the project it is in here.
    importProjects(db, file.projects)
    for (const conversation of file.conversations) {
      let id = findConversation.get(conversation.uid)?.id
      if (id === undefined) {
        id = insertConversation.get(
          conversation.uid,
          conversation.title,
          conversation.model,
          JSON.stringify(conversation.params),
          conversation.createdAt,
          conversation.updatedAt,
          conversation.pinned ? conversation.updatedAt : null,
          conversation.archivedAt ?? null,
          projectIdOfUid(db, conversation.projectUid)
        )!.id
        summary.conversationsAdded++
      }
      // Message uid → id here, for the parents of the messages after it.
      const idOf = new Map<string, number>()
      let previous: number | null = null
      let added = false
      for (const message of conversation.messages) {
        const parentId: number | null =
          message.parentUid === undefined
            ? previous
            : message.parentUid === null
              ? null
              : (idOf.get(message.parentUid) ?? previous)
        const known = hasMessage.get(message.uid)
        if (known) {
          idOf.set(message.uid, known.id)
          previous = known.id
          summary.messagesSkipped++
          continue
        }
        const inserted = insertMessage.run(
          message.uid,
          id,
          parentId,
          message.role,
          message.content,
          message.reasoning,
          // A reply that was streaming when it was exported will never finish.
          message.status === 'streaming' ? 'interrupted' : message.status,
          message.model,
          message.finishReason,
          message.usage?.promptTokens ?? null,
          message.usage?.completionTokens ?? null,
          message.usage?.reasoningTokens ?? null,
          message.reasoningMs ?? null,
          message.error && JSON.stringify(message.error),
          message.params && JSON.stringify(message.params),
          message.createdAt
        )
        const messageId = Number(inserted.lastInsertRowid)
        idOf.set(message.uid, messageId)
        previous = messageId
        added = true
        if (message.attachments.length) {
          // A document's text first: attaching it then indexes the text with the message.
          for (const { sha256, document } of message.attachments) {
            if (document) documentTexts(db).put(sha256, document)
          }
          attachToMessage(
            db,
            messageId,
            message.attachments.map(({ document: _document, ...attachment }) => attachment)
          )
        }
        summary.messagesAdded++
      }
      // The path the file showed; an older file's is its last message.
      const leaf = conversation.currentLeafUid ? idOf.get(conversation.currentLeafUid) : previous
      if (added && leaf !== undefined) setLeaf.run(leaf, id)
      touch.run(conversation.updatedAt, id)
    }
  })()
  return summary
}
