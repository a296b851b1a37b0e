// Servers echo requests back in their errors, the Authorization header included; the key must not
// reach the database, exports, logs or the renderer through them (README, "Where data and the key live").

/** Stands where the key was cut out of a server's text. */
export const KEY_REMOVED = '[key removed]'

/** A run of this many of the key's characters in a row gives most of it away. */
const FRAGMENT_LENGTH = 16
/** Server text longer than this is cut before it is searched (an error body can be a whole web page). */
const SCANNED_LENGTH = 65_536
/** What is kept of a server's text as the detail of an error. */
const KEPT_LENGTH = 2_000

/**
 * A server's text, made safe to keep and show: the key removed, as sent, URL-encoded or
 * JSON-escaped, and any piece of it 16 characters or longer; then cut to 2,000 characters.
 */
export function serverText(text: string, apiKey: string): string {
  // Stryker disable next-line MethodExpression: bounds the work only; what is kept is cut shorter below
  let safe = withoutKey(text.slice(0, SCANNED_LENGTH), apiKey)
  if (safe.length > KEPT_LENGTH) safe = `${safe.slice(0, KEPT_LENGTH)}…`
  return safe
}

/** The text with every form and long piece of the key replaced by KEY_REMOVED. */
export function withoutKey(text: string, apiKey: string): string {
  if (!apiKey || !text) return text
  const forms = [
    ...new Set([apiKey, encodeURIComponent(apiKey), JSON.stringify(apiKey).slice(1, -1)])
  ]
  let safe = text
  for (const form of forms) safe = safe.split(form).join(KEY_REMOVED)
  if (apiKey.length < FRAGMENT_LENGTH) return safe

  // A key cut short ("sk-abc…") or wrapped across lines still gives most of it away.
  const pieces = new Set<string>()
  for (const form of forms) {
    // Stryker disable next-line ArithmeticOperator: shorter slices never equal a 16-character window
    for (let at = 0; at + FRAGMENT_LENGTH <= form.length; at++)
      pieces.add(form.slice(at, at + FRAGMENT_LENGTH))
  }
  const found: [number, number][] = []
  // Stryker disable next-line ArithmeticOperator: shorter slices at the end never equal a piece
  for (let at = 0; at + FRAGMENT_LENGTH <= safe.length; at++) {
    if (!pieces.has(safe.slice(at, at + FRAGMENT_LENGTH))) continue
    const last = found.at(-1)
    if (last && at <= last[1]) last[1] = at + FRAGMENT_LENGTH
    else found.push([at, at + FRAGMENT_LENGTH])
  }
  // Stryker disable next-line ConditionalExpression: with nothing found the loop below returns safe as is
  if (found.length === 0) return safe
  let out = ''
  let from = 0
  for (const [start, end] of found) {
    out += safe.slice(from, start) + KEY_REMOVED
    from = end
  }
  return out + safe.slice(from)
}
