// What the log records of the app's activity: ids, codes, statuses, sizes and timings, never a
// message's text, reasoning or an attachment's name.
import type {
  EmitEvent,
  EventName,
  EventPayloads,
  Handlers,
  RequestName
} from '../../shared/contract'
import type { HistoryStatus } from '../../shared/types'
import { AppError } from '../errors'
import type { AppLog } from './logger'

/** Requests whose argument carries a key: it becomes a secret of the log before anything runs. */
const KEY_REQUESTS = new Set<RequestName>(['setKey', 'testConnection'])

/**
 * The handler table with every failure logged (request, code, status, time taken) and every key
 * the renderer sends registered as a secret. Results and arguments are never logged.
 */
export function withRequestLog(handlers: Handlers, log: AppLog): Handlers {
  const requests = log.scope('request')
  const wrapped = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      async (args: unknown) => {
        const key = (args as { key?: unknown } | undefined)?.key
        if (KEY_REQUESTS.has(name as RequestName) && typeof key === 'string') log.addSecret(key)
        const started = performance.now()
        try {
          return await (handler as (args: unknown) => Promise<unknown>)(args)
        } catch (error) {
          const ms = Math.round(performance.now() - started)
          if (error instanceof AppError && error.code !== 'internal') {
            // Its code says what happened; its message may quote the server (or the request).
            const status = error.status ? ` (HTTP ${error.status})` : ''
            requests.warn(`${name} failed: ${error.code}${status} after ${ms} ms`)
          } else {
            requests.error(`${name} failed after ${ms} ms:`, error)
          }
          throw error
        }
      }
    ])
  )
  return wrapped as unknown as Handlers
}

/** The event sender with reply ends and history damage logged (ids, status, tokens, codes). */
export function withEventLog(emit: EmitEvent, log: AppLog): EmitEvent {
  const replies = log.scope('reply')
  return <K extends EventName>(name: K, payload: EventPayloads[K]) => {
    if (name === 'replyEnded') {
      const { conversationId, message } = payload as EventPayloads['replyEnded']
      const usage = message.usage
      const parts = [
        `reply ${message.id} in conversation ${conversationId} ended: ${message.status}`,
        message.model ? `model=${message.model}` : '',
        message.finishReason ? `finish=${message.finishReason}` : '',
        usage
          ? `tokens=${usage.promptTokens}+${usage.completionTokens}${usage.reasoningTokens !== null ? ` (reasoning ${usage.reasoningTokens})` : ''}`
          : '',
        message.error
          ? `error=${message.error.code}${message.error.status ? ` (HTTP ${message.error.status})` : ''}`
          : '',
        `chars=${message.content.length}`
      ]
      const line = parts.filter(Boolean).join(' ')
      if (message.status === 'error') replies.warn(line)
      else replies.info(line)
    } else if (name === 'historyDamaged') {
      log.scope('history').error('damaged:', (payload as EventPayloads['historyDamaged']).detail)
    }
    emit(name, payload)
  }
}

export interface StartFacts {
  appVersion: string
  versions: Partial<Record<string, string>>
  platform: string
  release: string
  arch: string
  dataDir: string
  packaged: boolean
}

/** The first line of a run: versions and the data folder. */
export function logStart(log: AppLog, facts: StartFacts): void {
  const v = facts.versions
  log
    .scope('app')
    .info(
      `start ${facts.appVersion}${facts.packaged ? '' : ' (development)'}: electron ${v.electron ?? '-'}, chrome ${v.chrome ?? '-'}, node ${v.node ?? '-'}, ${facts.platform} ${facts.release} ${facts.arch}; data folder ${facts.dataDir}`
    )
}

/** Whether the history opened, or why it was refused, and its backups. */
export function logHistoryStatus(log: AppLog, status: HistoryStatus): void {
  const history = log.scope('history')
  const newest = status.backups[0]
  const backups = `${status.backups.length} backups${newest ? `, newest ${newest.name}` : ''}`
  if (status.state === 'ok') history.info(`opened; ${backups}`)
  else history.error(`refused (${status.problem}): ${status.detail}; ${backups}`)
}
