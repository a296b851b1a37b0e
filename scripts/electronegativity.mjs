// npm run security — Electronegativity (Doyensec's Electron security scanner) over src/, for the
// Electron version the app ships. Fails on any high or medium finding not accepted below, each
// accepted one with its reason. Runs offline: the scanner's own look-ups (translations, the list
// of Electron releases) fail and it carries on without them.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Findings reviewed and kept: check id, the file (relative to the project), and why. */
export const ACCEPTED = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'src/main/index.ts',
    reason:
      'the preload (src/preload) runs sandboxed and context-isolated and exposes only the typed window.api, never ipcRenderer'
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'src/main/shell/desktop.ts',
    reason:
      'the Quick Ask window loads the same page with the same sandboxed, context-isolated preload'
  },
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'src/main/shell/capture.ts',
    reason:
      'the region pickers load the same page with the same sandboxed, context-isolated preload'
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/main/shell/secureWindow.ts',
    reason:
      'openExternal gets only http, https and mailto URLs (externalLinkTarget in src/main/shell/protocol.ts, unit-tested)'
  }
]

const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']

/**
 * The findings in the runner's JSON report, checked so that a broken report can never read as
 * "no findings": checks must have run, every file must have parsed, every finding must be whole.
 */
export function readReport(text) {
  const report = JSON.parse(text)
  if (!Number.isInteger(report.checks) || report.checks < 1)
    throw new Error('Electronegativity ran no checks')
  if (!Array.isArray(report.errors) || report.errors.length) {
    throw new Error(`Electronegativity could not scan every file: ${JSON.stringify(report.errors)}`)
  }
  if (!Array.isArray(report.findings))
    throw new Error('Electronegativity reported no findings list')
  for (const finding of report.findings) {
    if (
      !/^[A-Z0-9_]+$/.test(finding.issue ?? '') ||
      !SEVERITIES.includes(finding.severity) ||
      typeof finding.filename !== 'string'
    ) {
      throw new Error(`Electronegativity reported a malformed finding: ${JSON.stringify(finding)}`)
    }
  }
  return report.findings
}

/**
 * Sorts findings: `failures` are high or medium and not accepted; `accepted` pairs a finding with
 * its reason; `other` are low or informational. `root` makes the report's paths relative.
 */
export function judgeFindings(findings, accepted = ACCEPTED, root = ROOT) {
  const result = { failures: [], accepted: [], other: [] }
  for (const finding of findings) {
    const file = relative(root, finding.filename).split('\\').join('/')
    const entry = { ...finding, filename: file }
    const severity = finding.severity.toUpperCase()
    if (severity !== 'HIGH' && severity !== 'MEDIUM') {
      result.other.push(entry)
      continue
    }
    const match = accepted.find((rule) => rule.id === finding.issue && rule.file === file)
    if (match) result.accepted.push({ ...entry, reason: match.reason })
    else result.failures.push(entry)
  }
  return result
}

/** Runs the scanner on `input` (in a child process); returns its findings, or throws with what went wrong. */
export function scan(input, electronVersion) {
  const out = mkdtempSync(join(tmpdir(), 'electronegativity-'))
  const report = join(out, 'report.json')
  try {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts', 'electronegativity-run.cjs'), resolve(input), electronVersion, report],
      {
        encoding: 'utf8'
      }
    )
    let text
    try {
      text = readFileSync(report, 'utf8')
    } catch {
      throw new Error(
        `Electronegativity wrote no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`
      )
    }
    return readReport(text)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

const where = (finding) =>
  `${finding.issue} (${finding.severity}) ${finding.filename}:${finding.location}`

function main() {
  const inputFlag = process.argv.indexOf('--input')
  const input = inputFlag > 0 ? process.argv[inputFlag + 1] : join(ROOT, 'src')
  const electronVersion = JSON.parse(
    readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')
  ).version
  const { failures, accepted, other } = judgeFindings(scan(input, electronVersion))
  console.log(
    `Electronegativity on ${relative(ROOT, input) || '.'} for Electron ${electronVersion}:`
  )
  for (const finding of other) console.log(`  note      ${where(finding)}: ${finding.description}`)
  for (const finding of accepted) console.log(`  accepted  ${where(finding)}: ${finding.reason}`)
  for (const finding of failures)
    console.log(
      `  FAILED    ${where(finding)}: ${finding.description}\n            ${finding.sample}`
    )
  if (failures.length) {
    console.log(
      `${failures.length} high or medium finding(s) not accepted: fix them, or accept them in scripts/electronegativity.mjs with a reason.`
    )
    process.exit(1)
  }
  console.log(`No high or medium finding beyond the ${accepted.length} accepted.`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main()
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
