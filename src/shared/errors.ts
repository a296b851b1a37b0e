// The closed set of error codes the UI knows how to explain: one record carries, for each code, its
// retry rule, whether Settings fixes it, and its locale key; the list of codes derives from it.

/** What the UI does with an error of one code. */
interface ErrorRule {
  /** The same request may work when tried again. */
  retry: boolean
  /** Settings (key, base URL) is where it gets fixed. */
  fixedInSettings: boolean
}

const RULES = {
  invalid_input: { retry: false, fixedInSettings: false }, // the IPC payload failed validation
  no_key: { retry: false, fixedInSettings: true }, // no API key is set
  keychain_unavailable: { retry: false, fixedInSettings: false }, // no OS keychain (Secret Service) to keep the key in
  bad_key: { retry: false, fixedInSettings: true }, // 401
  model_unavailable: { retry: false, fixedInSettings: false }, // 403 / 404: the model is not open to this key
  // 402, 403 AccountOverdueError / AccessDenied, no quota left: top up or check the account. Once
  // the account is topped up, the same request works.
  account_problem: { retry: true, fixedInSettings: false },
  // Something other than the API answered (a captive portal's page, a proxy): once the network's
  // login page is passed the same request works; a base URL that is not the API is fixed in Settings.
  not_api_response: { retry: true, fixedInSettings: true },
  rate_limited: { retry: true, fixedInSettings: false }, // 429
  bad_request: { retry: false, fixedInSettings: false }, // 400 and other 4xx: the server's message says why
  server: { retry: true, fixedInSettings: false }, // 5xx
  network: { retry: true, fixedInSettings: false }, // could not reach the server
  stalled: { retry: true, fixedInSettings: false }, // the stream stopped sending for too long
  stream_interrupted: { retry: true, fixedInSettings: false }, // the stream broke after it started
  not_found: { retry: false, fixedInSettings: false }, // no such conversation or message
  attachment_refused: { retry: false, fixedInSettings: false }, // a file the API would reject, or a model that cannot take it
  history_unavailable: { retry: false, fixedInSettings: false }, // the history database was refused (newer version, damaged)
  history_damaged: { retry: false, fixedInSettings: false }, // a background check found the open history damaged
  storage_unwritable: { retry: false, fixedInSettings: false }, // the data folder cannot be written (read-only disk, permissions)
  storage_full: { retry: false, fixedInSettings: false }, // the disk holding the data folder is full
  import_failed: { retry: false, fixedInSettings: false }, // the file to import is not a Seed Chat export
  busy: { retry: false, fixedInSettings: false }, // a reply is already streaming in that conversation
  unsupported_param: { retry: false, fixedInSettings: false }, // a parameter the model does not take (params.field names it); nothing was sent
  context_too_long: { retry: false, fixedInSettings: false }, // 400 OutofContextError: the request is longer than the model's context
  capture_unavailable: { retry: false, fixedInSettings: false }, // the screen could not be captured (reason: no_display, screen_permission, capture_failed)
  internal: { retry: false, fixedInSettings: false }
} as const satisfies Record<string, ErrorRule>

export type ErrorCode = keyof typeof RULES

/** A code's rule with the locale key of its text (checked against both locales by a test). */
interface ErrorInfo<C extends ErrorCode = ErrorCode> extends ErrorRule {
  localeKey: `errors.${C}`
}

/** Every error code with its rule and locale key. */
export const ERRORS = Object.fromEntries(
  Object.entries(RULES).map(([code, rule]) => [code, { ...rule, localeKey: `errors.${code}` }])
) as { readonly [C in ErrorCode]: ErrorInfo<C> }

/** The closed set of error codes, in the record's order. */
export const ERROR_CODES = Object.keys(RULES) as [ErrorCode, ...ErrorCode[]]

/** Whether a code is one of ours (a newer main could send one this renderer does not know). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(RULES, code)
}

export interface AppErrorInfo {
  code: ErrorCode
  /** Detail for the user, e.g. the server's own message. Never contains the key. */
  message: string
  status?: number
  retryAfterSeconds?: number
  /** For attachment_refused: the refusal code and its numbers, for translated text. */
  reason?: string
  params?: Record<string, string | number>
}

/**
 * A schema rule's refusal: the English message for logs and the CLI, and a reason the UI
 * translates (dispatch copies it onto the invalid_input error; errorText reads errorDetails.<reason>).
 */
export function refusal(
  reason: string,
  message: string
): { message: string; params: { reason: string } } {
  return { message, params: { reason } }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorInfo }
