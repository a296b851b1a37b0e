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
  const { forms, pieces } = matcherFor(apiKey)
  let safe = text
  for (const form of forms) safe = safe.split(form).join(KEY_REMOVED)
  if (!pieces) return safe

  // A key cut short ("sk-abc…") or wrapped across lines still gives most of it away.
  const found = findPieces(safe, pieces)
  if (found.length === 0) return safe
  let out = ''
  let from = 0
  for (const [start, end] of found) {
    out += safe.slice(from, start) + KEY_REMOVED
    from = end
  }
  return out + safe.slice(from)
}

/**
 * Removes the key from a text that arrives in pieces (a streamed answer), a key cut across two
 * pieces included: the end of what came so far that could be the start of the key is held back,
 * as it came, until the next piece shows whether it is.
 */
export class KeyScrubber {
  private held = ''

  constructor(private readonly apiKey: string) {}

  /** The text that is safe to pass on now, in order; a tail may wait for the next piece. */
  push(piece: string): string {
    if (!this.apiKey) return piece
    if (!piece) return ''
    const text = this.held + piece
    let cut = text.length - keyStartAtEnd(text, this.apiKey)
    // Never between the two halves of a surrogate pair.
    if (cut > 0 && /[\uD800-\uDBFF]/.test(text[cut - 1])) cut--
    this.held = text.slice(cut)
    return withoutKey(text.slice(0, cut), this.apiKey)
  }

  /** What was held back, at the end of the text. */
  end(): string {
    const rest = this.held
    this.held = ''
    return withoutKey(rest, this.apiKey)
  }
}

/**
 * How many characters at the end of `text` could begin the key or a long piece of it: the
 * longest end that is part of one of the key's forms (each end of that is part of it too), or
 * none when that end is a whole form already.
 */
function keyStartAtEnd(text: string, apiKey: string): number {
  const { forms } = matcherFor(apiKey)
  const longest = Math.min(text.length, Math.max(...forms.map((form) => form.length)))
  let length = 0
  while (length < longest) {
    const end = text.slice(text.length - length - 1)
    if (!forms.some((form) => form.includes(end))) break
    length++
  }
  return forms.includes(text.slice(text.length - length)) ? 0 : length
}

interface KeyMatcher {
  /** The key as sent, URL-encoded and JSON-escaped. */
  forms: string[]
  /** Every piece of FRAGMENT_LENGTH characters of a form; null for a key shorter than that. */
  pieces: KeyPieces | null
}

interface KeyPieces {
  texts: Set<string>
  /**
   * The forms' pieces of BLOCK_LENGTH characters at multiples of BLOCK_LENGTH: every piece of
   * FRAGMENT_LENGTH holds one, so a text holding none of them (found by the engine's own fast
   * search) holds no piece, and where one is, only the few windows around it need a look.
   */
  blocks: string[]
}

const BLOCK_LENGTH = FRAGMENT_LENGTH / 2

// Built once per key: a streamed answer asks for it with every chunk.
let matcher: { apiKey: string; value: KeyMatcher } | null = null

function matcherFor(apiKey: string): KeyMatcher {
  if (matcher?.apiKey === apiKey) return matcher.value
  const forms = [
    ...new Set([apiKey, encodeURIComponent(apiKey), JSON.stringify(apiKey).slice(1, -1)])
  ]
  let pieces: KeyPieces | null = null
  if (apiKey.length >= FRAGMENT_LENGTH) {
    const texts = new Set<string>()
    const blocks = new Set<string>()
    for (const form of forms) {
      for (let at = 0; at + FRAGMENT_LENGTH <= form.length; at++)
        texts.add(form.slice(at, at + FRAGMENT_LENGTH))
      for (let at = 0; at + BLOCK_LENGTH <= form.length; at += BLOCK_LENGTH)
        blocks.add(form.slice(at, at + BLOCK_LENGTH))
    }
    pieces = { texts, blocks: [...blocks] }
  }
  matcher = { apiKey, value: { forms, pieces } }
  return matcher.value
}

/** Where pieces of the key are in `text`, overlapping ones merged. */
function findPieces(text: string, pieces: KeyPieces): [number, number][] {
  const starts = new Set<number>()
  for (const block of pieces.blocks) {
    for (let at = text.indexOf(block); at !== -1; at = text.indexOf(block, at + 1)) {
      // A piece holding this block starts at most BLOCK_LENGTH before it.
      for (let start = Math.max(0, at - BLOCK_LENGTH); start <= at; start++) {
        if (pieces.texts.has(text.slice(start, start + FRAGMENT_LENGTH))) starts.add(start)
      }
    }
  }
  const found: [number, number][] = []
  for (const start of [...starts].sort((a, b) => a - b)) {
    const last = found.at(-1)
    if (last && start <= last[1]) last[1] = start + FRAGMENT_LENGTH
    else found.push([start, start + FRAGMENT_LENGTH])
  }
  return found
}
