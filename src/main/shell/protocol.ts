// The renderer's own origin, app://seed-chat/: the built renderer served strictly from its folder,
// with the page's Content-Security-Policy also sent as a header. No electron import: the shell
// registers the scheme and hands requests here, so every rule below is tested in Node.
import { readFile } from 'node:fs/promises'
import nodePath, { extname } from 'node:path'
import { isReallyInside } from '../containment'

export const APP_SCHEME = 'app'
export const APP_HOST = 'seed-chat'
/** The page the window loads in a built app. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

/**
 * The policy in the page's `<meta http-equiv="Content-Security-Policy">`: the one place it is
 * written (src/renderer/index.html), so the header and the tag cannot disagree. Throws when the
 * page has none: better no window than one without a policy.
 */
export function contentSecurityPolicy(html: string): string {
  const tag = /<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html)
  const content = tag && /\scontent=(?:"([^"]*)"|'([^']*)')/i.exec(tag[0])
  const policy = content ? (content[1] ?? content[2]).replace(/\s+/g, ' ').trim() : ''
  if (!policy) throw new Error('The renderer page has no Content-Security-Policy')
  return policy
}

/**
 * The file inside `root` that an app:// URL names ('/' is index.html); null for another scheme or
 * host, or a path that leaves `root` however it is spelled (`..`, `%2e%2e`, `%2f`, `%5c`, a drive
 * letter, NUL). `path` is the platform's path module (tests pass path.win32 too).
 */
export function resolveAppFile(
  root: string,
  url: string,
  path: typeof nodePath = nodePath
): string | null {
  let parsed: URL
  let name: string
  try {
    parsed = new URL(url)
    name = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  if (name.includes('\0')) return null
  if (name === '/' || name === '') name = '/index.html'
  const base = path.resolve(root)
  const file = path.resolve(base, `.${name}`)
  const inside = path.relative(base, file)
  if (
    inside === '' ||
    inside === '..' ||
    inside.startsWith(`..${path.sep}`) ||
    path.isAbsolute(inside)
  )
    return null
  return file
}

/** Answers one app:// request from `root`: the file with its type and the CSP header, or 404. */
export async function serveAppFile(root: string, url: string, csp: string): Promise<Response> {
  const headers = { 'content-security-policy': csp, 'x-content-type-options': 'nosniff' }
  const file = resolveAppFile(root, url)
  const type = file ? MIME_TYPES[extname(file).toLowerCase()] : undefined
  if (!file || !type) return new Response(null, { status: 404, headers })
  try {
    // The path is inside the folder as spelled; a symbolic link planted in it must not lead out.
    if (!(await isReallyInside(root, file))) return new Response(null, { status: 404, headers })
    const bytes = await readFile(file)
    return new Response(new Uint8Array(bytes), { headers: { ...headers, 'content-type': type } })
  } catch {
    return new Response(null, { status: 404, headers })
  }
}

/**
 * Whether a frame URL is our own page: the app:// origin in a built app, the dev server's origin
 * under `npm run dev`. Nothing else may call the API or be granted a permission.
 */
export function isOwnPage(url: string | undefined, devServerURL?: string): boolean {
  if (!url) return false
  try {
    const target = new URL(url)
    if (devServerURL) return target.origin === new URL(devServerURL).origin
    // A non-special scheme has an opaque origin ('null') in the URL standard: compare its parts.
    return target.protocol === `${APP_SCHEME}:` && target.host === APP_HOST
  } catch {
    return false
  }
}

/**
 * The one permission our page gets: writing to the clipboard (the code blocks' Copy button uses
 * navigator.clipboard.writeText, which Chromium checks as 'clipboard-sanitized-write').
 */
export function isPermissionAllowed(
  permission: string,
  requestingURL: string,
  devServerURL?: string
): boolean {
  return permission === 'clipboard-sanitized-write' && isOwnPage(requestingURL, devServerURL)
}

/** The only parts of a mailto: link an answer may hand to the mail client. */
const MAILTO_FIELDS = ['subject', 'body']

/**
 * What the shell may hand to the OS for a link in an answer: http(s) as it is; mailto with only
 * its addresses, subject and body (an answer must not make the mail client attach a file or add
 * hidden recipients: `attach=`, `cc=`, `bcc=` … are dropped); null for anything else.
 */
export function externalLinkTarget(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href
  if (parsed.protocol !== 'mailto:') return null
  const kept = new URLSearchParams()
  for (const [name, value] of parsed.searchParams) {
    if (MAILTO_FIELDS.includes(name.toLowerCase())) kept.append(name.toLowerCase(), value)
  }
  const query = kept.toString().replaceAll('+', '%20')
  return `mailto:${parsed.pathname}${query ? `?${query}` : ''}`
}
