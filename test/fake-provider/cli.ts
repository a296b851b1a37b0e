/**
 * Standalone fake provider for manual runs: `npm run fake-provider [-- --port N] [-- --key KEY]`.
 * Port: --port, else env PORT, else 8787. Stays up until Ctrl+C.
 */
import { DEFAULT_API_KEY, startFakeProvider, type Script } from './server'

const DEMO_CONTENT = [
  '## Hello from the fake provider',
  '',
  'This reply is **streamed slowly** so you can watch it arrive. It contains:',
  '',
  '- a heading',
  '- this list, with `inline code`',
  '- a table and a code block',
  '',
  '| Model | Context | Images |',
  '|---|---:|:---:|',
  '| doubao-seed-2.0-pro | 256k | yes |',
  '| glm-4-7-251222 | 200k | no |',
  '',
  '```ts',
  'function greet(name: string): string {',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the canned reply shows TypeScript source
  '  return `Hello, ${name}!`',
  '}',
  '',
  "console.log(greet('world'))",
  '```',
  '',
  'Ask me anything — I will answer the same way every time. 🙂'
].join('\n')

export const DEMO_SCRIPT: Script = {
  kind: 'reply',
  reasoning:
    'The user sent a message to the fake provider. I will show off some Markdown: a heading, a list, a table and a code block.',
  content: DEMO_CONTENT,
  chunkSize: 3,
  delayMs: 30
}

function argValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === name) return args[i + 1]
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1)
  }
  return undefined
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const portText = argValue(args, '--port') ?? process.env.PORT ?? '8787'
  const port = Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port: ${portText}`)
    process.exit(2)
  }
  const apiKey = argValue(args, '--key') ?? DEFAULT_API_KEY
  const provider = await startFakeProvider({ port, apiKey, defaultScript: DEMO_SCRIPT })

  console.log('Fake provider listening.')
  console.log(`  Base URL: ${provider.baseURL}`)
  console.log(`  API key:  ${provider.apiKey}`)
  console.log(`  Models:   ${provider.models.join(', ')}`)
  console.log('Press Ctrl+C to stop.')

  let shown = 0
  const timer = setInterval(() => {
    for (; shown < provider.requests.length; shown++) {
      const r = provider.requests[shown]!
      const model =
        r.body && typeof r.body === 'object' && 'model' in r.body
          ? ` model=${String(r.body.model)}`
          : ''
      const stream = r.body?.stream === true ? ' stream' : ''
      console.log(`${new Date().toISOString()} ${r.method} ${r.path}${model}${stream}`)
    }
  }, 200)

  const stop = (): void => {
    clearInterval(timer)
    console.log('\nStopping.')
    provider.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
