// The update feed: electron-builder.yml names GitHub Releases as the provider (so electron-builder
// writes latest*.yml and bakes app-update.yml into the app), and the release workflow attaches the
// feed files and blockmaps to the draft release with the installers.
import { load } from 'js-yaml'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '../../..')
const readYaml = (path: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: the YAML's shape is what the tests below check
  load(readFileSync(join(ROOT, path), 'utf8')) as any
const builder = readYaml('electron-builder.yml')
const workflow = readYaml('.github/workflows/release.yml')

describe('the update feed', () => {
  it('is published to GitHub Releases', () => {
    expect(builder.publish).toMatchObject({ provider: 'github' })
    expect(builder.publish.owner).toEqual(expect.any(String))
    expect(builder.publish.repo).toEqual(expect.any(String))
  })

  it('has the zip macOS updates install from', () => {
    expect(builder.mac.target).toEqual(expect.arrayContaining(['dmg', 'zip']))
  })

  it('goes into the release with the installers: latest*.yml and the blockmaps', () => {
    const upload = workflow.jobs.installers.steps.find((step: { uses?: string }) =>
      step.uses?.startsWith('actions/upload-artifact')
    )
    const paths = String(upload.with.path)
      .split('\n')
      .map((line) => line.trim())
    expect(paths).toEqual(
      expect.arrayContaining([
        'dist/latest*.yml',
        'dist/*.blockmap',
        'dist/*.zip',
        'dist/*.exe',
        'dist/*.dmg',
        'dist/*.AppImage'
      ])
    )
    const release = workflow.jobs.release.steps.map((step: { run?: string }) => step.run ?? '')
    expect(release.join('\n')).toMatch(/gh release create .*installers\/\* .*--draft/)
  })
})
