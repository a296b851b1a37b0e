// @vitest-environment jsdom
// The projects slice: a project dropped on another goes before or after it (main is asked for
// the whole order; its refusal puts the old order back), and the files a project takes or refuses.
import { expect, it, vi } from 'vitest'
import { MAX_PROJECT_FILES, type Project } from '../../../src/shared/projects'
import { createAppStore } from '../../../src/renderer/src/store'
import { createFakeApi, ok } from './fake-api'

const project = (id: number, name: string, files: Project['files'] = []): Project => ({
  id,
  name,
  instructions: '',
  defaultModel: null,
  defaultParams: {},
  conversationCount: 0,
  files,
  createdAt: 1,
  updatedAt: 1
})

async function withProjects(projects: Project[]) {
  const fake = createFakeApi()
  fake.api.listProjects = vi.fn(async () => ok(projects))
  fake.api.reorderProjects = vi.fn(async ({ ids }: { ids: number[] }) =>
    ok(ids.map((id) => projects.find((p) => p.id === id)!))
  )
  const store = createAppStore(fake.api)
  await store.getState().init()
  await store.getState().loadProjects()
  const names = () => store.getState().projects.map((p) => p.name)
  return { fake, store, names }
}

it('puts a dropped project before or after the one it was dropped on', async () => {
  const { fake, store, names } = await withProjects([
    project(1, 'A'),
    project(2, 'B'),
    project(3, 'C')
  ])
  await store.getState().placeProject(3, 1, false)
  expect(fake.api.reorderProjects).toHaveBeenLastCalledWith({ ids: [3, 1, 2] })
  expect(names()).toEqual(['C', 'A', 'B'])
  await store.getState().placeProject(3, 2, true)
  expect(fake.api.reorderProjects).toHaveBeenLastCalledWith({ ids: [1, 2, 3] })
  expect(names()).toEqual(['A', 'B', 'C'])
  // On itself, or where it already is: main is not asked.
  await store.getState().placeProject(2, 2, true)
  await store.getState().placeProject(2, 1, true)
  await store.getState().placeProject(9, 1, true)
  expect(fake.api.reorderProjects).toHaveBeenCalledTimes(2)
  expect(store.getState().draggedProjectId).toBeNull()
})

it('keeps the old order when main refuses the new one', async () => {
  const { fake, store, names } = await withProjects([project(1, 'A'), project(2, 'B')])
  fake.api.reorderProjects = vi.fn(async () => ({
    ok: false as const,
    error: { code: 'storage_full' as const, message: 'The disk is full.' }
  }))
  await store.getState().placeProject(2, 1, false)
  expect(names()).toEqual(['A', 'B'])
  expect(store.getState().banner).toMatchObject({ code: 'storage_full' })
})

it('refuses files past the limit without reading them, and lists what main refused', async () => {
  const full = Array.from({ length: MAX_PROJECT_FILES }, (_, i) => ({
    sha256: String(i).padStart(64, '0'),
    name: `f${i}.txt`,
    bytes: 1,
    pages: null,
    tokens: 1
  }))
  const { fake, store } = await withProjects([project(1, 'Full', full), project(2, 'Empty')])
  const file = (name: string) => new File(['text'], name, { type: 'text/plain' })
  const refusedFull = await store.getState().addProjectFiles(1, [file('a.txt')])
  expect(refusedFull).toEqual([
    {
      name: 'a.txt',
      error: expect.objectContaining({ reason: 'too_many', params: { limit: MAX_PROJECT_FILES } })
    }
  ])
  expect(fake.api.addProjectFile).not.toHaveBeenCalled()

  const added = project(2, 'Empty', [full[0]])
  fake.api.addProjectFile = vi.fn(async ({ name }: { name: string }) =>
    name === 'ok.txt'
      ? ok(added)
      : {
          ok: false as const,
          error: {
            code: 'attachment_refused' as const,
            message: '',
            reason: 'document_no_text',
            params: { name }
          }
        }
  )
  const refused = await store.getState().addProjectFiles(2, [file('ok.txt'), file('blank.txt')])
  expect(refused.map((r) => [r.name, r.error.reason])).toEqual([['blank.txt', 'document_no_text']])
  expect(store.getState().projects.find((p) => p.id === 2)!.files).toEqual([full[0]])
})
