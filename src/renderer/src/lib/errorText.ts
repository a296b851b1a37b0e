// Turns an error from main into words a user can act on, and the actions that can fix it.
import type { TFunction } from 'i18next'
import type { AppErrorInfo, ErrorCode } from '../../../shared/contract'
import { describeRefusal } from './attachmentRules'

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
  'stream_interrupted',
  // Once the account is topped up or the network's login page is passed, the same request works.
  'account_problem',
  'not_api_response'
])
// A base URL that reaches something other than the API is fixed in Settings.
const FIXED_IN_SETTINGS: ReadonlySet<ErrorCode> = new Set(['bad_key', 'no_key', 'not_api_response'])
const KNOWN: ReadonlySet<ErrorCode> = new Set([
  'bad_key',
  'model_unavailable',
  'account_problem',
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
  'context_too_long',
  'history_unavailable',
  'history_damaged',
  'import_failed',
  'storage_unwritable',
  'storage_full',
  'internal'
])

/** Whether a key has a translation (t returns the key itself when it has none). */
function i18nHas(t: TFunction, key: string): boolean {
  return t(key) !== key
}

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
  } else if (error.code === 'not_api_response') {
    // A web page means a captive portal or a proxy; anything else, a base URL that is not the API.
    text = t(error.reason === 'html' ? 'errors.not_api_response_html' : 'errors.not_api_response', {
      status: error.params?.status ?? error.status ?? '',
      contentType: error.params?.contentType ?? ''
    })
  } else if (error.code === 'unsupported_param') {
    // The reason says which rule; the field is named for anything newer.
    const specific = `errors.unsupported_param_${error.reason ?? ''}`
    text = i18nHas(t, specific)
      ? t(specific)
      : t('errors.unsupported_param', { field: error.params?.field ?? '' })
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
    detail:
      error.code !== 'bad_request' &&
      error.code !== 'unsupported_param' &&
      message !== '' &&
      message !== text
        ? message
        : null,
    canRetry: RETRYABLE.has(error.code),
    opensSettings: FIXED_IN_SETTINGS.has(error.code)
  }
}
