// Runs Electronegativity's scanner in this process and writes its findings as JSON:
//   node scripts/electronegativity-run.cjs <input> <electron version> <report.json>
// Its CLI is not used: the CLI writes the CSV header and the findings with two unsynchronised
// writes, one of which truncates the file, so now and then the report is garbled (seen here in 1
// run of 10, and a garbled report reads as "no findings"). The runner takes the same options;
// `electronVersionOverride` is what the CLI's `-e` sets.
const Module = require('node:module')
const { writeFileSync } = require('node:fs')
const { dirname, sep } = require('node:path')

// The scanner's TypeScript parser (@typescript-eslint/typescript-estree 4) is hoisted to the top of
// node_modules, where `typescript` is this project's TypeScript 7, a different API. Point that
// one request at the TypeScript 4.2 Electronegativity installs for it.
const scanner = dirname(require.resolve('@doyensec/electronegativity/package.json'))
const typescript4 = require.resolve('typescript', { paths: [scanner] })
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'typescript' && parent?.filename?.includes(`${sep}@typescript-eslint${sep}`))
    return typescript4
  return resolve.call(this, request, parent, ...rest)
}

const [input, electronVersion, reportFile] = process.argv.slice(2)
const run = require('@doyensec/electronegativity')

run({
  input,
  isSarif: false,
  customScan: [],
  excludeFromScan: [],
  isRelative: false,
  isVerbose: false,
  electronUpgrade: undefined,
  electronVersionOverride: electronVersion,
  parserPlugins: []
}).then(
  (result) => {
    const findings = result.issues.map((issue) => ({
      issue: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      filename: issue.file,
      location: `${issue.location.line}:${issue.location.column}`,
      sample: issue.sample ?? '',
      description: issue.description
    }))
    const checks = result.globalChecks + result.atomicChecks
    writeFileSync(reportFile, JSON.stringify({ checks, errors: result.errors, findings }))
  },
  (error) => {
    console.error(error?.stack ? error.stack : error)
    process.exit(1)
  }
)
