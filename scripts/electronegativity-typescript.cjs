// Preloaded into Electronegativity (node -r): its parser, @typescript-eslint/typescript-estree 4,
// is hoisted to the top of node_modules, where `typescript` is this project's TypeScript 7 (a
// different API). Point that one request at the TypeScript 4.2 Electronegativity installs for it.
const Module = require('node:module')
const { dirname, sep } = require('node:path')

const scanner = dirname(require.resolve('@doyensec/electronegativity/package.json'))
const typescript4 = require.resolve('typescript', { paths: [scanner] })
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'typescript' && parent?.filename?.includes(`${sep}@typescript-eslint${sep}`)) return typescript4
  return resolve.call(this, request, parent, ...rest)
}
