// Types for after-pack.mjs (electron-builder loads the hook as plain JavaScript).
import type { FuseConfig } from '@electron/fuses'

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface PackContext {
  appOutDir: string
  electronPlatformName: string
  arch: number
  packager: { appInfo: { productFilename: string }; executableName?: string }
}
export type FuseFlipper = (binaryPath: string, config: FuseConfig) => Promise<unknown>
export const FUSES: Record<number, boolean>
export function electronBinaryPath(context: PackContext): string
export function fuseConfig(context: PackContext): FuseConfig
export function applyFuses(context: PackContext, flip: FuseFlipper): Promise<void>
export default function afterPack(context: PackContext): Promise<void>
