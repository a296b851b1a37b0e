// Turns an error from main into words a user can act on, and the actions that can fix it.
import type { TFunction } from 'i18next'
import type { AppErrorInfo, ErrorCode } from '../../shared/contract'
import { describeRefusal } from './attachments'

export interface ErrorDescription {
  /** What happened and what to do, in the UI language. */
  text: string
  /** The server's or main's own message, when it adds something. */
  detail: string | null
  canRetry: boolean
  opensSettings: boolean
}

const RETRYABLE: ReadonlySet<ErrorCode> = new Set([
  'rate_limited',
  'server',
  'network',
  'stalled',
  'stream_interrupted'
])
const FIXED_IN_SETTINGS: ReadonlySet<ErrorCode> = new Set(['bad_key', 'no_key'])
const KNOWN: ReadonlySet<ErrorCode> = new Set([
  'bad_key',
  'model_unavailable',
  'rate_limited',
  'server',
  'network',
  'stalled',
  'stream_interrupted',
  'bad_request',
  'no_key',
  'keychain_unavailable',
  'invalid_input',
  'not_found',
  'busy',
  'history_unavailable',
  'import_failed',
  'storage_unwritable',
  'storage_full',
  'internal'
])

/** Describes an error for the user. */
export function describeError(error: AppErrorInfo, t: TFunction): ErrorDescription {
  const message = error.message.trim()
  let text: string
  if (error.code === 'attachment_refused') {
    // E.g. a retry after the model changed: the reason says which rule the files broke.
    const refusal = error.reason ? describeRefusal(error, t) : null
    return {
      text: refusal ? refusal.text : t('errors.attachment_refused'),
      detail: refusal ? refusal.detail : message || null,
      canRetry: false,
      opensSettings: false
    }
  }
  if (error.code === 'rate_limited' && error.retryAfterSeconds !== undefined) {
    text = t('errors.rate_limited_wait', { count: Math.ceil(error.retryAfterSeconds) })
  } else if (error.code === 'bad_request') {
    text = t('errors.bad_request', { message: message || String(error.status ?? '') })
  } else if (error.code === 'storage_unwritable' || error.code === 'storage_full') {
    text = t(`errors.${error.code}`, { folder: error.params?.folder ?? '' })
  } else if (KNOWN.has(error.code)) {
    text = t(`errors.${error.code}`)
  } else {
    text = t('errors.generic')
  }
  return {
    text,
    detail: error.code !== 'bad_request' && message !== '' && message !== text ? message : null,
    canRetry: RETRYABLE.has(error.code),
    opensSettings: FIXED_IN_SETTINGS.has(error.code)
  }
}
