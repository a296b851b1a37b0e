// Packaging: electron-builder.yml as electron-builder reads it (js-yaml), the native modules it
// must keep out of app.asar (derived from what is installed), and the fuses the afterPack hook flips.
import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses'
import { Arch } from 'electron-builder'
import { load } from 'js-yaml'
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join, matchesGlob, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import afterPack, {
  FUSES,
  applyFuses,
  electronBinaryPath,
  type PackContext
} from '../../../scripts/after-pack.mjs'
import { tempDir } from '../../fixtures/temp'

const ROOT = join(__dirname, '../../..')
const builderManifest = join(resolvePackage('electron-builder', ROOT)!, 'package.json')
// biome-ignore lint/suspicious/noExplicitAny: the YAML's shape is what the tests below check
const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))

/** The installed folder of `name` as Node would resolve it from `from`. */
function resolvePackage(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dirname(dir) === dir) return null
  }
}

/** Every installed package the app loads at run time: production dependencies and theirs. */
function productionPackages(): string[] {
  const seen = new Set<string>()
  const visit = (dir: string): void => {
    if (seen.has(dir)) return
    seen.add(dir)
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    // Optional dependencies are the per-platform binaries (@img/sharp-*, @ffmpeg-installer/*):
    // the ones for this machine are installed, the others are not.
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const found = resolvePackage(name, dir)
      if (found) visit(found)
    }
  }
  for (const name of Object.keys(manifest.dependencies)) visit(resolvePackage(name, ROOT)!)
  return [...seen]
}

/** Whether a file is a compiled program: ELF, Mach-O or PE, not a `#!` script. */
function isBinary(path: string): boolean {
  const head = Buffer.alloc(4)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, head, 0, 4, 0)
  } finally {
    closeSync(fd)
  }
  const magic = head.readUInt32BE(0)
  return (
    magic === 0x7f454c46 || // ELF
    [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic) || // Mach-O
    head.subarray(0, 2).toString('latin1') === 'MZ' // PE
  )
}

/** Files a process loads or runs: .node addons, shared libraries, executables. */
function nativeFiles(dir: string): string[] {
  const found: string[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path)
      } else if (/\.(node|dylib|dll|exe)$|\.so(\.\d+)*$/.test(entry.name)) {
        found.push(path)
      } else if (extname(entry.name) === '' && statSync(path).mode & 0o111 && isBinary(path)) {
        found.push(path) // an executable such as ffmpeg (a script such as KaTeX's font tools is not)
      }
    }
  }
  walk(dir)
  return found
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    // Not re-exported by electron-builder: its app-builder-lib dependency holds the validator.
    const requireFromBuilder = createRequire(builderManifest)
    const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config')
    const { DebugLogger } = requireFromBuilder('builder-util')
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(
      validateConfiguration({ ...config, npmRebuild: 'no' }, new DebugLogger(false))
    ).rejects.toThrow(/npmRebuild/)
  })

  it('names the app and ships only the build output and the manifest', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/)
    expect(config.productName).toBe('Seed Chat')
    expect(config.files).toEqual(['out/**', 'package.json'])
    expect(manifest.main).toBe('./out/main/index.js')
  })

  it('builds AppImage and deb, a hardened dmg, and NSIS, each with its icon', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    // The zip is what electron-updater installs a macOS update from.
    expect(config.mac.target).toEqual(['dmg', 'zip'])
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(config.win.target).toEqual(['nsis'])
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon])
      expect(existsSync(join(ROOT, icon)), icon).toBe(true)
    const entitlements = readFileSync(join(ROOT, config.mac.entitlements), 'utf8')
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements)
    expect(entitlements).toContain('<key>com.apple.security.cs.allow-jit</key>')
    expect(entitlements.match(/<key>/g)).toHaveLength(1)
  })

  it('never rebuilds native modules, at packaging or at install', () => {
    expect(config.npmRebuild).toBe(false)
    const scripts = Object.values(manifest.scripts as Record<string, string>).join('\n')
    expect(scripts).not.toMatch(/install-app-deps|electron-rebuild|@electron\/rebuild/)
    expect(manifest.scripts.postinstall).toBeUndefined()
    expect(manifest.scripts.dist).toBe('npm run build && electron-builder')
  })

  it('unpacks from app.asar every native module the app loads', () => {
    const packages = productionPackages()
    const native = packages
      .filter((dir) => nativeFiles(dir).length > 0)
      .map((dir) => relative(ROOT, dir).split('\\').join('/'))
    // Derived, not listed: the set must at least hold the modules this machine installs.
    expect(native).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3', 'node_modules/keytar'])
    )
    expect(native.some((dir) => dir.startsWith('node_modules/@img/sharp-'))).toBe(true)
    expect(native.some((dir) => dir.startsWith('node_modules/@ffmpeg-installer/'))).toBe(true)
    const uncovered = packages
      .flatMap(nativeFiles)
      .map((file) => relative(ROOT, file).split('\\').join('/'))
      .filter(
        (file) => !(config.asarUnpack as string[]).some((pattern) => matchesGlob(file, pattern))
      )
    expect(uncovered).toEqual([])
  })

  it("keeps the text recognition engine outside app.asar, and only the target OS's ONNX Runtime", () => {
    const worker = readFileSync(join(ROOT, 'src/main/ocr/worker.ts'), 'utf8')
    expect(worker).toContain("resolve('@gutenye/ocr-node')")
    // The worker imports these from app.asar.unpacked; what they import must be there too.
    for (const name of ['@gutenye/ocr-node', '@gutenye/ocr-common', 'onnxruntime-common']) {
      const file = `node_modules/${name}/package.json`
      expect((config.asarUnpack as string[]).some((pattern) => matchesGlob(file, pattern))).toBe(
        true
      )
    }
    const runtime = (os: string) => `node_modules/onnxruntime-node/bin/napi-v6/${os}/x64/lib.so`
    const oses = { mac: 'darwin', win: 'win32', linux: 'linux' } as const
    for (const [platform, os] of Object.entries(oses)) {
      const excluded = (config[platform].files as string[]).map((pattern) => pattern.slice(1))
      for (const other of Object.values(oses)) {
        const dropped = excluded.some((pattern) => matchesGlob(runtime(other), pattern))
        expect(dropped, `${platform} ships ${other}'s ONNX Runtime`).toBe(other !== os)
      }
    }
  })

  it("keeps the document worker's modules (unpdf, mammoth and all they require) outside app.asar", () => {
    const worker = readFileSync(join(ROOT, 'src/main/attachments/documents/pdf.ts'), 'utf8')
    expect(worker).toContain("resolve('unpdf')")
    expect(worker).toContain("resolve('mammoth')")
    // Every package the two resolve, by npm's lock file (nested copies included).
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'))
      .packages as Record<string, { dependencies?: Record<string, string> }>
    const resolveFrom = (from: string, name: string): string | null => {
      for (let at = from; ; at = at.slice(0, Math.max(0, at.lastIndexOf('/node_modules/')))) {
        const candidate = at ? `${at}/node_modules/${name}` : `node_modules/${name}`
        if (candidate in lock) return candidate
        if (!at) return null
      }
    }
    const seen = new Set<string>()
    const stack = ['node_modules/unpdf', 'node_modules/mammoth']
    while (stack.length > 0) {
      const path = stack.pop()!
      if (seen.has(path)) continue
      seen.add(path)
      for (const name of Object.keys(lock[path].dependencies ?? {})) {
        const found = resolveFrom(path, name)
        if (found) stack.push(found)
      }
    }
    expect(seen.size).toBeGreaterThan(10)
    const outside = [...seen].filter(
      (path) =>
        !(config.asarUnpack as string[]).some((pattern) =>
          matchesGlob(`${path}/package.json`, pattern)
        )
    )
    expect(outside).toEqual([])
  })

  it('flips the fuses in its afterPack hook', () => {
    expect(config.afterPack).toBe('./scripts/after-pack.mjs')
    expect(existsSync(join(ROOT, config.afterPack))).toBe(true)
  })
})

describe('the fuses', () => {
  const expected = {
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    [FuseV1Options.WasmTrapHandlers]: true
  }
  const context = (electronPlatformName: string, arch: Arch): PackContext => ({
    appOutDir: join('/build', electronPlatformName),
    electronPlatformName,
    arch,
    packager: { appInfo: { productFilename: 'Seed Chat' }, executableName: 'seed-chat' }
  })

  /** What the hook passes to the flipper for one packed app. */
  async function flipped(packed: PackContext): Promise<{ path: string; config: FuseConfig }[]> {
    const calls: { path: string; config: FuseConfig }[] = []
    await applyFuses(packed, async (path, fuseConfig) => {
      calls.push({ path, config: fuseConfig })
      return 0
    })
    return calls
  }

  it('set every fuse this @electron/fuses knows, each explicitly', () => {
    expect(FUSES).toEqual(expected)
    const known = Object.values(FuseV1Options).filter((value) => typeof value === 'number')
    expect(Object.keys(FUSES).map(Number).sort()).toEqual([...known].sort())
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false)
  })

  it.each([
    ['linux', Arch.x64, join('/build/linux', 'seed-chat'), false],
    ['linux', Arch.arm64, join('/build/linux', 'seed-chat'), false],
    ['win32', Arch.x64, join('/build/win32', 'Seed Chat.exe'), false],
    ['win32', Arch.arm64, join('/build/win32', 'Seed Chat.exe'), false],
    ['darwin', Arch.x64, join('/build/darwin', 'Seed Chat.app'), false],
    ['darwin', Arch.arm64, join('/build/darwin', 'Seed Chat.app'), true],
    ['darwin', Arch.universal, join('/build/darwin', 'Seed Chat.app'), true]
  ] as const)(
    'on %s (arch %i) flip %s, re-signing ad hoc: %s',
    async (platform, arch, path, resign) => {
      const calls = await flipped(context(platform, arch))
      expect(calls).toEqual([
        {
          path,
          config: { version: FuseVersion.V1, resetAdHocDarwinSignature: resign, ...expected }
        }
      ])
      expect(electronBinaryPath(context(platform, arch))).toBe(path)
    }
  )

  it('stops the build for a platform it does not know', async () => {
    await expect(flipped(context('freebsd', Arch.x64))).rejects.toThrow(/freebsd/)
  })

  it('really runs @electron/fuses from the default hook (here on a file that is not Electron, so it refuses)', async () => {
    const appOutDir = tempDir('after-pack-')
    writeFileSync(join(appOutDir, 'seed-chat'), 'not an Electron binary')
    await expect(afterPack({ ...context('linux', Arch.x64), appOutDir })).rejects.toThrow(
      /sentinel|fuse/i
    )
    expect(readFileSync(join(appOutDir, 'seed-chat'), 'utf8')).toBe('not an Electron binary')
  })
})
