// electron-builder's afterPack hook: flips Electron's fuses in the packed binary before it is
// signed (electron-builder signs after this hook), turning off what a shipped app never needs.
// See https://www.electronjs.org/docs/latest/tutorial/fuses.
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses'
import { Arch } from 'electron-builder'
import { join } from 'node:path'

/** The fuses Seed Chat ships with. */
export const FUSES = {
  // No ELECTRON_RUN_AS_NODE: the app binary cannot be used as a plain Node runtime.
  [FuseV1Options.RunAsNode]: false,
  // Cookies on disk encrypted with a key from the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect cannot inject code into a shipped app.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds (macOS and Windows), and the
  // app is loaded from app.asar only, never from a loose app folder beside it.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The app loads only its own V8 snapshot, and gives file:// pages no powers beyond a web page's
  // (the window loads app://, never file://).
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Kept on: V8's WebAssembly bounds checks by signal handler are a speed feature, not a power
  // page content could use (turning it off makes Wasm slower and no safer).
  [FuseV1Options.WasmTrapHandlers]: true
}

/**
 * The Electron binary electron-builder packed, as its own addElectronFuses finds it: the .app
 * bundle on macOS, `<productFilename>.exe` on Windows, `<executableName>` on Linux.
 */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`)
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`)
    case 'linux':
      return join(appOutDir, packager.executableName)
    default:
      throw new Error(`No Electron binary known for platform ${electronPlatformName}`)
  }
}

/** The config passed to flipFuses for one packed app. */
export function fuseConfig(context) {
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
  return {
    version: FuseVersion.V1,
    // Flipping a fuse breaks the ad-hoc signature an arm64 Mac needs to run the binary at all
    // (a universal build holds an arm64 slice too); re-sign it ad hoc. Real signing follows.
    resetAdHocDarwinSignature:
      darwin && (context.arch === Arch.arm64 || context.arch === Arch.universal),
    ...FUSES
  }
}

/** Flips the fuses with `flip` (@electron/fuses' flipFuses; tests pass their own). */
export async function applyFuses(context, flip) {
  await flip(electronBinaryPath(context), fuseConfig(context))
}

/** The hook electron-builder calls (`afterPack` in electron-builder.yml). */
export default async function afterPack(context) {
  await applyFuses(context, flipFuses)
}
