// A reply streams while every request of the contract arrives, valid, invalid and failing ones:
// none of them touches it. It keeps streaming and ends done with all its text.
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { REQUEST_NAMES, type RequestName } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/errors'
import type { Message, SendResult } from '../../../src/shared/types'
import { BACKUP_DIR } from '../../../src/main/core'
import { backupIfDue } from '../../../src/main/db/backup'
import { dispatch } from '../../../src/main/dispatch'
import { getMessage } from '../../../src/main/history/messages'
import { connectedCore, replyRecorder, type ConnectedCore } from '../../fixtures/core'

const MODEL = 'doubao-seed-1-6-251015'
const FIRST = 'Streaming reply, part one. '
const REST = 'Part two arrives after every request was answered.'

let opened: ConnectedCore | undefined
afterEach(async () => {
  await opened?.close()
  opened = undefined
})

it('every request, valid, invalid or failing, leaves a streaming reply alone', async () => {
  const recorder = replyRecorder()
  let started: () => void = () => undefined
  const firstDelta = new Promise<void>((resolve) => (started = resolve))
  opened = await connectedCore('isolation-', {
    // No stall while the reply waits for the test; it is the test that lets it go on.
    chat: { stallTimeoutMs: 600_000 },
    emit: (name, payload) => {
      recorder.emit(name, payload)
      if (name === 'replyDelta') started()
    }
  })
  const { core, provider, dataDir } = opened
  const call = (name: RequestName, args?: unknown): Promise<Result<unknown>> =>
    dispatch(core.handlers, name, args)

  // Another conversation, finished, and a backup, for the requests that need them.
  const other = (await core.handlers.sendMessage({
    conversationId: null,
    model: MODEL,
    text: 'An earlier question',
    attachments: []
  })) as SendResult
  await core.services.chat.whenIdle(other.assistantMessage.id)
  const backup = await backupIfDue(core.services.db, join(dataDir, BACKUP_DIR))
  const exported = (await core.handlers.exportHistory(undefined)).text

  let release: () => void = () => undefined
  provider.enqueue({
    kind: 'reply',
    content: FIRST + REST,
    chunkSize: 9,
    pause: { afterChars: FIRST.length, until: new Promise<void>((resolve) => (release = resolve)) }
  })
  const sent = (await core.handlers.sendMessage({
    conversationId: null,
    model: MODEL,
    text: 'The question being answered',
    attachments: []
  })) as SendResult
  const streaming = sent.assistantMessage.id
  const conversationId = sent.conversation.id
  await firstDelta

  // Valid payloads (about the streaming reply where that is refused, elsewhere where it would
  // legitimately end it: a Stop), then payloads that fail validation or fail in the handler.
  const ids = { id: conversationId, messageId: streaming }
  const valid: Record<RequestName, unknown[]> = {
    getKeyStatus: [undefined],
    setKey: [{ key: provider.apiKey }],
    deleteKey: [undefined],
    getSettings: [undefined],
    updateSettings: [{ theme: 'dark' }, { baseURL: 'http://127.0.0.1:9/v1' }],
    testConnection: [{}, { baseURL: 'http://127.0.0.1:9/v1', key: 'sk-other-key' }],
    listModels: [undefined],
    listConversations: [{}, { limit: 1 }],
    getConversation: [{ id: conversationId }, { id: 999_999 }],
    listMessages: [
      { conversationId, before: streaming },
      { conversationId, after: streaming }
    ],
    renameConversation: [{ id: conversationId, title: 'Renamed meanwhile' }],
    setConversationPinned: [{ id: conversationId, pinned: true }],
    setConversationArchived: [
      { id: conversationId, archived: true },
      { id: conversationId, archived: false }
    ],
    archiveOlderThan: [{ before: 1, dryRun: true }, { before: 1 }],
    listArchivedConversations: [undefined],
    exportConversation: [
      { id: conversationId, format: 'markdown' },
      { id: conversationId, format: 'json' }
    ],
    exportHistory: [undefined],
    importHistory: [{ text: exported }, { text: 'not an export' }],
    searchHistory: [{ query: 'Streaming' }, { query: '"unclosed' }],
    findInConversation: [
      { conversationId, query: 'answered' },
      { conversationId: 999_999, query: 'x' }
    ],
    getHistoryStatus: [undefined],
    getImageTextStatus: [undefined],
    // Not a stored image: nothing to read, answered at once.
    getImageText: [{ sha256: 'a'.repeat(64) }],
    getDocumentText: [{ sha256: 'b'.repeat(64) }],
    restoreBackup: [{ name: backup!.name }, { name: 'history-1-daily.sqlite' }],
    setConversationModel: [{ id: conversationId, model: 'doubao-seed-2.0-pro' }],
    setConversationParams: [{ id: conversationId, params: { temperature: 0.5 } }],
    deleteConversation: [{ id: conversationId }, { id: other.conversation.id }],
    listProjects: [undefined],
    createProject: [{ name: 'Work' }, { name: '  ' }],
    updateProject: [
      { id: 1, instructions: 'Be brief.' },
      { id: 999_999, name: 'Gone' }
    ],
    reorderProjects: [{ ids: [1] }],
    // The streaming conversation goes into the project, which then cannot be deleted with it.
    setConversationProject: [
      { id: conversationId, projectId: 1 },
      { id: conversationId, projectId: 999_999 }
    ],
    deleteProject: [
      { id: 1, chats: 'delete' },
      { id: 999_999, chats: 'move_out' }
    ],
    addProjectFile: [
      { projectId: 1, name: 'notes.txt', data: new TextEncoder().encode('Project notes') },
      { projectId: 999_999, name: 'x.txt', data: new Uint8Array([65]) }
    ],
    removeProjectFile: [{ projectId: 1, sha256: 'a'.repeat(64) }],
    addAttachment: [{ name: 'x.png', data: new Uint8Array([1, 2, 3]), model: MODEL }],
    startCapture: [{ target: 'main' }],
    getCaptureImage: [{ display: 0 }],
    finishCapture: [{ cancel: true }, { display: 0, rect: { x: 0, y: 0, width: 1, height: 1 } }],
    attachCapture: [{ model: MODEL }],
    sendMessage: [
      { conversationId, model: MODEL, text: 'Another question', attachments: [] },
      { conversationId: 999_999, model: MODEL, text: 'Nowhere', attachments: [] }
    ],
    stopReply: [{ messageId: other.assistantMessage.id }, { messageId: 999_999 }],
    retryReplyNow: [{ messageId: streaming }, { messageId: 999_999 }],
    retryReply: [ids, { messageId: other.assistantMessage.id }],
    regenerateReply: [ids],
    editMessage: [{ messageId: sent.userMessage.id, text: 'Edited meanwhile' }],
    continueReply: [ids],
    showVersion: [ids, { messageId: sent.userMessage.id }],
    deleteMessage: [ids, { messageId: sent.userMessage.id }],
    // Without an updater (not a packaged build) installUpdate refuses.
    installUpdate: [{ version: '99.0.0' }],
    log: [{ level: 'error', scope: 'renderer', message: 'logged while a reply streams' }],
    getCrashNotice: [undefined],
    // The history is not refused as shrunk: keepHistory refuses.
    keepHistory: [undefined],
    // The streaming reply is not one the disk refused: nothing to save again.
    saveReplyAgain: [{ messageId: streaming }],
    // Without a desktop shell these do nothing (showInMainWindow still sends its event).
    hideQuickAsk: [undefined],
    setQuickAskPinned: [{ pinned: true }],
    showInMainWindow: [{ conversationId }, { conversationId: null }],
    getShortcutStatus: [undefined]
  }
  const invalid: unknown[] = [{ bogus: true }, new Date(), null, 'text', [1], { id: -1 }]

  const answered: string[] = []
  // The key goes last: without it, later sends fail for that reason only.
  const order = [...REQUEST_NAMES.filter((name) => name !== 'deleteKey'), 'deleteKey' as const]
  for (const name of order) {
    for (const args of [...valid[name], ...invalid]) {
      const result = await call(name, args)
      answered.push(`${name}: ${result.ok ? 'ok' : result.error.code}`)
      // Nothing has reached the reply: it is still streaming, in the database too.
      expect(getMessage(core.services.db, streaming)?.status, `after ${name}`).toBe('streaming')
      expect(
        recorder.ended.some((end) => end.message.id === streaming),
        `after ${name}`
      ).toBe(false)
    }
  }
  expect(new Set(answered.map((line) => line.split(':')[0]))).toEqual(new Set(REQUEST_NAMES))
  // Refused, not failed: the ones aimed at the streaming reply say why.
  expect(answered).toContain('restoreBackup: busy')
  expect(answered).toContain('restoreBackup: not_found')
  expect(answered).toContain('deleteConversation: busy')
  expect(answered).toContain('deleteProject: busy')
  expect(answered).toContain('setConversationProject: not_found')
  expect(answered.filter((line) => line.endsWith('internal'))).toEqual([])

  release()
  await core.services.chat.whenIdle(streaming)
  const reply = getMessage(core.services.db, streaming) as Message
  expect(reply).toMatchObject({ status: 'done', content: FIRST + REST, error: null })
  const text = recorder.deltas
    .filter((delta) => delta.messageId === streaming)
    .map((delta) => delta.content)
    .join('')
  expect(text).toBe(FIRST + REST)
  expect(recorder.ended.find((end) => end.message.id === streaming)?.message.status).toBe('done')
})
