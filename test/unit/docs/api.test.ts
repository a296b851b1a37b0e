// docs/api.md's error table is true to the code: every row with a status, played by the fake
// provider over real HTTP, comes out as the app error code the row names.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { listModelIds } from '../../../src/main/chat/client'
import { AppError } from '../../../src/main/errors'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'

const API_MD = readFileSync(join(__dirname, '../../../docs/api.md'), 'utf8')

interface Row {
  line: string
  statuses: number[]
  codes: string[]
  message: string
  expected: string
}

/** The rows of the Errors table that name HTTP statuses, each as the requests it stands for. */
function errorRows(): Row[] {
  const section = API_MD.slice(API_MD.indexOf('## Errors'), API_MD.indexOf('## The fake provider'))
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| status'))
    .flatMap((line) => {
      const [status, seen, code] = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim())
      const statuses = /^\d{3}(, \d{3})*$/.test(status)
        ? status.split(', ').map(Number)
        : status === 'other 4xx'
          ? [418, 422]
          : status === '5xx'
            ? [500, 503]
            : []
      // 200 is the stream's own row, tested with the stream.
      if (statuses.length === 0 || statuses.includes(200)) return []
      const names = [...seen.matchAll(/`([^`]+)`/g)].map((match) => match[1].replaceAll('*', 'X'))
      const message = /names no model/.test(seen)
        ? 'Access denied.'
        : /naming the model/.test(seen)
          ? 'Access to the model is denied.'
          : 'The request failed.'
      return [
        {
          line,
          statuses,
          codes: names.length > 0 ? names : [''],
          message,
          expected: /`([^`]+)`/.exec(code)![1]
        }
      ]
    })
}

let provider: FakeProvider
beforeAll(async () => {
  provider = await startFakeProvider()
})
afterAll(async () => {
  await provider.close()
})

it('maps every status and code in docs/api.md as the code does', async () => {
  const rows = errorRows()
  expect(rows.length).toBeGreaterThanOrEqual(10)
  const wrong: string[] = []
  for (const row of rows) {
    for (const status of row.statuses) {
      for (const code of row.codes) {
        provider.enqueueModels({
          kind: 'error',
          status,
          error: { message: row.message, type: 'Error', code }
        })
        const error = await listModelIds(provider.baseURL, provider.apiKey).then(
          () => null,
          (thrown: unknown) => thrown
        )
        const got = error instanceof AppError ? error.code : String(error)
        if (got !== row.expected)
          wrong.push(`${status} ${code}: ${got}, the doc says ${row.expected}`)
      }
    }
  }
  expect(wrong).toEqual([])
})
