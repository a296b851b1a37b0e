// The app:// origin: files only from the renderer folder, the page's CSP as a header, and who
// counts as our own page (for the IPC sender check and permissions).
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, win32 } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  APP_PAGE_URL,
  contentSecurityPolicy,
  externalLinkTarget,
  isOwnPage,
  isPermissionAllowed,
  resolveAppFile,
  serveAppFile
} from '../../../src/main/shell/protocol'
import { isReallyInside } from '../../../src/main/containment'
import { tempDir } from '../../fixtures/temp'

const pageHtml = readFileSync(join(__dirname, '../../../src/renderer/index.html'), 'utf8')

/** A renderer folder with a page and a script, and secrets beside it that must never be served. */
function rendererFolder(): string {
  const parent = tempDir('app-protocol-')
  const root = join(parent, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), pageHtml)
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)')
  writeFileSync(join(parent, 'secret.txt'), 'outside')
  mkdirSync(join(parent, 'renderer-evil'))
  writeFileSync(join(parent, 'renderer-evil', 'a.js'), 'outside')
  return root
}

describe('the Content-Security-Policy', () => {
  it('is read from the page’s <meta> tag, the one place it is written', () => {
    const policy = contentSecurityPolicy(pageHtml)
    expect(policy.startsWith("default-src 'none'; script-src 'self'")).toBe(true)
    expect(policy).toContain("img-src 'self' data: blob: attachment:")
    expect(policy).toContain("connect-src 'none'")
  })

  it('refuses a page without one', () => {
    expect(() => contentSecurityPolicy('<html><head><title>x</title></head></html>')).toThrow(
      /no Content-Security-Policy/
    )
  })
})

describe('serving app://seed-chat/', () => {
  const root = rendererFolder()
  const csp = contentSecurityPolicy(pageHtml)

  it('serves the page at / and index.html with its type and the CSP header', async () => {
    for (const url of ['app://seed-chat/', APP_PAGE_URL]) {
      const response = await serveAppFile(root, url, csp)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe(csp)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await response.text()).toBe(pageHtml)
    }
    const script = await serveAppFile(root, 'app://seed-chat/assets/index.js?v=1#x', csp)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('console.log(1)')
  })

  it.each([
    'app://seed-chat/../secret.txt',
    'app://seed-chat/%2e%2e/secret.txt',
    'app://seed-chat/..%2fsecret.txt',
    'app://seed-chat/..%2f..%2fsecret.txt',
    'app://seed-chat/..%5csecret.txt',
    'app://seed-chat/..%2frenderer-evil%2fa.js',
    'app://seed-chat/assets/%00index.js',
    'app://seed-chat/assets/',
    'app://seed-chat/missing.js',
    'app://other-host/index.html',
    'file:///etc/passwd',
    'app://seed-chat/%E0%A4%A'
  ])('answers 404 for %s, never a file outside the folder', async (url) => {
    const response = await serveAppFile(root, url, csp)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-security-policy')).toBe(csp)
    expect(await response.text()).toBe('')
  })

  it('refuses symbolic links planted inside the folder that lead out of it', async () => {
    const parent = join(root, '..')
    symlinkSync(join(parent, 'secret.txt'), join(root, 'link-file.txt'))
    symlinkSync(join(parent, 'renderer-evil'), join(root, 'link-folder'))
    symlinkSync('../../secret.txt', join(root, 'assets', 'link-relative.txt'))
    symlinkSync('index.js', join(root, 'assets', 'link-inside.js'))
    for (const url of [
      'app://seed-chat/link-file.txt',
      'app://seed-chat/link-folder/a.js',
      'app://seed-chat/assets/link-relative.txt'
    ]) {
      // Lexically inside, so only the real-path check refuses it.
      expect(resolveAppFile(root, url), url).not.toBeNull()
      const response = await serveAppFile(root, url, csp)
      expect(response.status, url).toBe(404)
      expect(await response.text(), url).not.toContain('outside')
    }
    const inside = await serveAppFile(root, 'app://seed-chat/assets/link-inside.js', csp)
    expect(inside.status).toBe(200)
    expect(await isReallyInside(root, join(root, 'assets', 'index.js'))).toBe(true)
    expect(await isReallyInside(root, join(root, 'link-file.txt'))).toBe(false)
  })

  it('resolves only paths inside the folder', () => {
    expect(resolveAppFile(root, 'app://seed-chat/assets/index.js')).toBe(
      join(root, 'assets', 'index.js')
    )
    expect(resolveAppFile(root, 'app://seed-chat/..%2fsecret.txt')).toBeNull()
    expect(resolveAppFile(root, 'app://seed-chat/..%2frenderer-evil%2fa.js')).toBeNull()
    expect(resolveAppFile(root, 'attachment://seed-chat/index.html')).toBeNull()
  })

  it('resolves only paths inside the folder with Windows paths too', () => {
    const windowsRoot = 'C:\\Program Files\\Seed Chat\\resources\\app.asar\\out\\renderer'
    expect(resolveAppFile(windowsRoot, 'app://seed-chat/assets/index.js', win32)).toBe(
      `${windowsRoot}\\assets\\index.js`
    )
    for (const url of [
      'app://seed-chat/..%5c..%5csecret.txt',
      'app://seed-chat/..%5csecret.txt',
      'app://seed-chat/C:/Windows/win.ini',
      'app://seed-chat/D:%5cWindows%5cwin.ini',
      'app://seed-chat/..%2f..%2fsecret.txt'
    ]) {
      expect(resolveAppFile(windowsRoot, url, win32), url).toBeNull()
    }
  })
})

describe('our own page', () => {
  it('is the app:// origin in a built app, and nothing else', () => {
    expect(isOwnPage(APP_PAGE_URL)).toBe(true)
    expect(isOwnPage('app://seed-chat/index.html#/settings')).toBe(true)
    expect(isOwnPage('app://seed-chat/')).toBe(true)
    for (const url of [
      undefined,
      '',
      'app://evil/index.html',
      'app://seed-chat.evil/index.html',
      'file:///opt/Seed%20Chat/resources/app.asar/out/renderer/index.html',
      'https://seed-chat/index.html',
      'http://localhost:5173/',
      'attachment://seed-chat/index.html',
      'not a url'
    ]) {
      expect(isOwnPage(url), String(url)).toBe(false)
    }
  })

  it('is the dev server’s origin under npm run dev', () => {
    const dev = 'http://localhost:5173'
    expect(isOwnPage('http://localhost:5173/', dev)).toBe(true)
    expect(isOwnPage('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isOwnPage('http://localhost:5174/', dev)).toBe(false)
    expect(isOwnPage(APP_PAGE_URL, dev)).toBe(false)
  })

  it('gets the clipboard write and no other permission; other pages get none', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', APP_PAGE_URL)).toBe(true)
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://seed-chat')).toBe(true)
    for (const permission of [
      'clipboard-read',
      'media',
      'notifications',
      'geolocation',
      'openExternal',
      'fullscreen'
    ]) {
      expect(isPermissionAllowed(permission, APP_PAGE_URL), permission).toBe(false)
    }
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://example.com/')).toBe(false)
  })
})

describe('links leaving the app', () => {
  it('opens http, https and mailto only', () => {
    expect(externalLinkTarget('https://example.com/a?b')).toBe('https://example.com/a?b')
    expect(externalLinkTarget('http://example.com')).toBe('http://example.com/')
    expect(externalLinkTarget('mailto:someone@example.com')).toBe('mailto:someone@example.com')
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'app://seed-chat/',
      'ms-msdt:/id',
      ''
    ]) {
      expect(externalLinkTarget(url), url).toBeNull()
    }
  })

  it('keeps only the addresses, subject and body of a mailto link', () => {
    expect(
      externalLinkTarget(
        'mailto:a@example.com,b@example.com?subject=Hi%20there&attach=/etc/passwd&cc=c@evil.test&BCC=d@evil.test&body=Line%201%0ALine%202&Attachment=x'
      )
    ).toBe('mailto:a@example.com,b@example.com?subject=Hi%20there&body=Line%201%0ALine%202')
    expect(externalLinkTarget('mailto:a@example.com?attach=%2Fhome%2Fme%2F.ssh%2Fid_rsa')).toBe(
      'mailto:a@example.com'
    )
    expect(externalLinkTarget('mailto:a@example.com?Subject=x+y')).toBe(
      'mailto:a@example.com?subject=x%20y'
    )
  })
})
