// Types for check-electron.mjs (a plain script, so npm start needs no TypeScript runner).
export type ElectronLookup = { ok: true; path: string } | { ok: false; missing: string }
export function findElectron(packageDir: string | null, env?: NodeJS.ProcessEnv): ElectronLookup
export function missingMessage(missing: string): string
