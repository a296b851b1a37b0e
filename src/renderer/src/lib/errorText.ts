// Turns an error from main into words a user can act on, and the actions that can fix it.
import type { TFunction } from 'i18next'
import { ERRORS, isErrorCode, type AppErrorInfo } from '../../../shared/errors'
import { describeRefusal } from './attachmentRules'

export interface ErrorDescription {
  /** What happened and what to do, in the UI language. */
  text: string
  /** The server's or main's own message, when it adds something. */
  detail: string | null
  canRetry: boolean
  opensSettings: boolean
}

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
  if (error.code === 'stalled' && typeof error.params?.seconds === 'number') {
    // The limit as configured; main's English sentence would only say it again.
    return {
      text: t('errors.stalled_for', { count: error.params.seconds }),
      detail: null,
      canRetry: ERRORS.stalled.retry,
      opensSettings: ERRORS.stalled.fixedInSettings
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
    text = t(ERRORS[error.code].localeKey, { folder: error.params?.folder ?? '' })
  } else if (isErrorCode(error.code)) {
    text = t(ERRORS[error.code].localeKey)
  } else {
    text = t('errors.generic')
  }
  // A reason the locales word (a schema rule, a network failure, an import check) replaces main's
  // English message, which stays for the logs.
  const reasonKey = `errorDetails.${error.reason ?? ''}`
  const translated = error.reason && i18nHas(t, reasonKey) ? t(reasonKey) : null
  return {
    text,
    detail:
      translated ??
      (error.code !== 'bad_request' &&
      error.code !== 'unsupported_param' &&
      message !== '' &&
      message !== text
        ? message
        : null),
    // A code this renderer does not know (a newer main) is neither retried nor sent to Settings.
    canRetry: isErrorCode(error.code) && ERRORS[error.code].retry,
    opensSettings: isErrorCode(error.code) && ERRORS[error.code].fixedInSettings
  }
}
