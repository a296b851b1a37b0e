// Runs before `npm start` and `npm run dev`: says in words when the Electron binary is missing
// (its download host unreachable at install time) instead of electron-vite's "Electron uninstall"
// stack trace, and what to run instead. Exits 1 then; 0 when the binary is there.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where the Electron executable is, or what is missing, looked up the way electron-vite does:
 * ELECTRON_EXEC_PATH, else ELECTRON_OVERRIDE_DIST_PATH, else node_modules/electron/path.txt
 * naming a file under node_modules/electron/dist.
 */
export function findElectron(packageDir, env = process.env) {
  if (env.ELECTRON_EXEC_PATH) {
    return existsSync(env.ELECTRON_EXEC_PATH)
      ? { ok: true, path: env.ELECTRON_EXEC_PATH }
      : {
          ok: false,
          missing: `ELECTRON_EXEC_PATH names ${env.ELECTRON_EXEC_PATH}, which does not exist.`
        }
  }
  if (!packageDir || !existsSync(join(packageDir, 'package.json'))) {
    return {
      ok: false,
      missing: 'The electron package is not installed (no node_modules/electron).'
    }
  }
  const pathFile = join(packageDir, 'path.txt')
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = join(env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron')
    return existsSync(executable)
      ? { ok: true, path: executable }
      : {
          ok: false,
          missing: `ELECTRON_OVERRIDE_DIST_PATH names ${executable}, which does not exist.`
        }
  }
  if (!name) {
    return {
      ok: false,
      missing:
        'The Electron binary was never downloaded: node_modules/electron/path.txt is missing ' +
        '(the electron package fetches its binary from GitHub, and that host is unreachable here).'
    }
  }
  const executable = join(packageDir, 'dist', name)
  return existsSync(executable)
    ? { ok: true, path: executable }
    : {
        ok: false,
        missing: `The Electron binary is missing: node_modules/electron/path.txt names ${executable}, which does not exist.`
      }
}

/** The message for a missing binary: what is missing and what to run instead. */
export function missingMessage(missing) {
  return [
    'Seed Chat cannot open in Electron here.',
    '',
    missing,
    '',
    'What you can do instead:',
    "  - Run the same app in Chromium (Debian's /usr/bin/chromium, driven by Playwright):",
    '        xvfb-run npm run dev:chromium      (without xvfb-run on a desktop with a display)',
    '  - Or, where the Electron download host (github.com) is reachable, install the binary and',
    '    run npm start again:',
    '        npx install-electron',
    '    (ELECTRON_MIRROR names a mirror to download from instead; if that fails too, reinstall the',
    '    package: rm -rf node_modules/electron && npm install; ELECTRON_OVERRIDE_DIST_PATH points at',
    '    an Electron you already have).'
  ].join('\n')
}

function electronPackageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return null
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const found = findElectron(electronPackageDir())
  if (!found.ok) {
    console.error(missingMessage(found.missing))
    process.exit(1)
  }
}
