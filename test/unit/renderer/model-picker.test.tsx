// @vitest-environment jsdom
// The model picker: readable names, grouping, filtering, the keyboard, and the new chat's model.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import {
  filterModelGroups,
  groupModels
} from '../../../src/renderer/src/components/models/ModelPicker'
import {
  DEFAULT_MODEL,
  MODELS,
  formatContext,
  modelDisplayName,
  newestSeedModel,
  type ModelInfo
} from '../../../src/shared/models'
import { selectCurrentModel } from '../../../src/renderer/src/store'
import { createFakeApi, makeConversation, ok, type FakeApi } from './fake-api'
import { stubListViewports } from './layout'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)
stubListViewports()

async function renderApp(fake: FakeApi = createFakeApi()) {
  const store = createTestStore(fake)
  const result = await renderWithStore(<App />, store)
  await act(() => store.getState().init())
  return { ...result, fake, user: userEvent.setup() }
}

/** The provider answers with these ids (catalog facts where known). */
function providerLists(fake: FakeApi, ids: string[]): void {
  const models: ModelInfo[] = ids.map(
    (id) =>
      MODELS.find((m) => m.id === id) ?? {
        id,
        family: 'other',
        context: 0,
        image: false,
        video: false,
        thinking: false,
        reasoningEffort: false
      }
  )
  vi.mocked(fake.api.listModels).mockResolvedValue(ok({ models, source: 'provider' }))
}

const trigger = () => screen.getByRole('button', { name: /^Model: / })
const optionIds = () => screen.queryAllByRole('option').map((o) => o.id.replace(/^.*-option-/, ''))
const activeId = () =>
  screen
    .getByRole('combobox', { name: 'Search models' })
    .getAttribute('aria-activedescendant')
    ?.replace(/^.*-option-/, '')

describe('model names', () => {
  it('reads ids the way people say them', () => {
    expect(MODELS.map((m) => modelDisplayName(m.id))).toEqual([
      'Doubao Seed 2.0 Pro',
      'Doubao Seed 2.0 Code',
      'Doubao Seed 2.0 Lite',
      'Doubao Seed 2.0 Mini',
      'Doubao Seed 1.8',
      'Doubao Seed 1.6',
      'Doubao Seed 1.6 Lite',
      'Doubao Seed 1.6 Flash',
      'Doubao Seed 1.6 Vision',
      'GLM 4.7'
    ])
    expect(modelDisplayName('deepseek-v3')).toBe('deepseek-v3')
    expect(formatContext(256_000)).toBe('256K')
    expect(formatContext(200_000)).toBe('200K')
    expect(formatContext(1_000_000)).toBe('1M')
  })

  it('finds the newest Seed model: version, then the most capable variant, then the date', () => {
    expect(newestSeedModel(MODELS.map((m) => m.id))).toBe('doubao-seed-2.0-pro')
    expect(
      newestSeedModel(['doubao-seed-1-6-251015', 'glm-4-7-251222', 'doubao-seed-1-8-251228'])
    ).toBe('doubao-seed-1-8-251228')
    expect(newestSeedModel(['doubao-seed-2.0-mini', 'doubao-seed-2.0-lite'])).toBe(
      'doubao-seed-2.0-lite'
    )
    expect(newestSeedModel(['doubao-seed-1-6-250615', 'doubao-seed-1-6-251015'])).toBe(
      'doubao-seed-1-6-251015'
    )
    expect(newestSeedModel(['glm-4-7-251222', 'deepseek-v3'])).toBeUndefined()
  })

  it('groups by family and filters on every word of the name or id', () => {
    const groups = groupModels(MODELS, 'custom-model')
    expect(groups.map((g) => [g.key, g.models.length])).toEqual([
      ['seed-2.0', 4],
      ['seed-1.8', 1],
      ['seed-1.6', 4],
      ['glm', 1],
      ['other', 1]
    ])
    const ids = (query: string) =>
      filterModelGroups(groups, query).flatMap((g) => g.models.map((m) => m.id))
    expect(ids('lite')).toEqual(['doubao-seed-2.0-lite', 'doubao-seed-1-6-lite-251015'])
    expect(ids('SEED 1.6 fl')).toEqual(['doubao-seed-1-6-flash-250828'])
    expect(ids('251015')).toEqual(['doubao-seed-1-6-251015', 'doubao-seed-1-6-lite-251015'])
    expect(ids('glm')).toEqual(['glm-4-7-251222'])
    expect(ids('nothing like it')).toEqual([])
    expect(ids('  ')).toHaveLength(11)
  })
})

describe('the picker', () => {
  it('shows readable names, capability icons with names and the context size', async () => {
    const { user } = await renderApp()
    await user.click(trigger())
    const pro = screen.getByRole('option', { name: /doubao-seed-2\.0-pro/ })
    expect(pro.textContent).toContain('Doubao Seed 2.0 Pro')
    expect(
      within(pro)
        .getAllByRole('img')
        .map((icon) => icon.getAttribute('aria-label'))
    ).toEqual([
      'Accepts images',
      'Accepts videos',
      'Thinks before answering',
      'Adjustable reasoning effort'
    ])
    expect(within(pro).getByRole('img', { name: 'Accepts images' }).getAttribute('title')).toBe(
      'Accepts images'
    )
    expect(pro.textContent).toContain('256K')
    const glm = screen.getByRole('option', { name: /glm-4-7/ })
    expect(
      within(glm)
        .getAllByRole('img')
        .map((icon) => icon.getAttribute('aria-label'))
    ).toEqual(['Thinks before answering'])
    expect(glm.textContent).toContain('200K')
    const flash = screen.getByRole('option', { name: /flash/ })
    expect(within(flash).queryByRole('img', { name: 'Adjustable reasoning effort' })).toBeNull()
  })

  it('filters as you type, moves with the arrows, picks with Enter', async () => {
    const { user, store, fake } = await renderApp()
    await user.click(trigger())
    const search = screen.getByRole('combobox', { name: 'Search models' })
    expect(document.activeElement).toBe(search)
    // The open list starts on the current model.
    expect(activeId()).toBe(DEFAULT_MODEL)
    await user.keyboard('lite')
    expect(optionIds()).toEqual(['doubao-seed-2.0-lite', 'doubao-seed-1-6-lite-251015'])
    expect(activeId()).toBe('doubao-seed-2.0-lite')
    await user.keyboard('{ArrowDown}')
    expect(activeId()).toBe('doubao-seed-1-6-lite-251015')
    await user.keyboard('{ArrowDown}')
    expect(activeId()).toBe('doubao-seed-1-6-lite-251015')
    await user.keyboard('{ArrowUp}{ArrowUp}')
    expect(activeId()).toBe('doubao-seed-2.0-lite')
    await user.keyboard('{Enter}')
    expect(screen.queryByRole('listbox')).toBeNull()
    expect(store.getState().draftModel).toBe('doubao-seed-2.0-lite')
    expect(trigger().getAttribute('aria-label')).toBe('Model: Doubao Seed 2.0 Lite')
    expect(document.activeElement).toBe(trigger())
    expect(fake.api.setConversationModel).not.toHaveBeenCalled()
  })

  it('says when nothing matches; Escape closes without a change and without stopping a reply', async () => {
    const { user, store, fake } = await renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Go{Enter}')
    await screen.findByRole('button', { name: 'Stop' })
    const before = selectCurrentModel(store.getState())
    await user.click(trigger())
    await user.keyboard('zzz')
    expect(screen.getByText('No model matches.')).toBeTruthy()
    await user.keyboard('{Enter}')
    expect(screen.getByRole('listbox')).toBeTruthy()
    fireEvent.keyDown(screen.getByRole('combobox', { name: 'Search models' }), { key: 'Escape' })
    expect(screen.queryByRole('listbox')).toBeNull()
    expect(fake.api.stopReply).not.toHaveBeenCalled()
    expect(fake.api.setConversationModel).not.toHaveBeenCalled()
    expect(selectCurrentModel(store.getState())).toBe(before)
  })

  it("changes the open conversation's model; a click outside closes", async () => {
    const chat = makeConversation({ id: 7, title: 'Chat', model: DEFAULT_MODEL })
    const { user, fake } = await renderApp(createFakeApi({ conversations: [chat] }))
    await user.click(screen.getByRole('button', { name: 'Chat' }))
    await user.click(trigger())
    await user.click(screen.getByRole('option', { name: /glm-4-7/ }))
    expect(fake.api.setConversationModel).toHaveBeenCalledWith({ id: 7, model: 'glm-4-7-251222' })
    await user.click(trigger())
    expect(screen.getByRole('listbox')).toBeTruthy()
    await user.click(screen.getByRole('heading', { level: 1 }))
    expect(screen.queryByRole('listbox')).toBeNull()
  })
})

describe("the new chat's model", () => {
  it('is the newest Seed model the provider lists, and DEFAULT_MODEL offline', async () => {
    const fake = createFakeApi()
    providerLists(fake, ['doubao-seed-1-6-251015', 'doubao-seed-1-8-251228', 'glm-4-7-251222'])
    const { store } = await renderApp(fake)
    expect(store.getState().draftModel).toBe('doubao-seed-1-8-251228')
    cleanup()
    const offline = await renderApp()
    expect(offline.store.getState().draftModel).toBe(DEFAULT_MODEL)
  })

  it('keeps the last model used while the key can use it', async () => {
    const fake = createFakeApi({ conversations: [makeConversation({ model: 'glm-4-7-251222' })] })
    providerLists(fake, ['doubao-seed-2.0-pro', 'glm-4-7-251222'])
    const { store } = await renderApp(fake)
    expect(store.getState().draftModel).toBe('glm-4-7-251222')
    // Listed again (a new key, a new base URL): still the last one used.
    await act(() => store.getState().loadModels())
    expect(store.getState().draftModel).toBe('glm-4-7-251222')
  })

  it('moves to the newest when the key cannot use the last one', async () => {
    const fake = createFakeApi({
      conversations: [makeConversation({ model: 'doubao-seed-1-6-vision-250815' })]
    })
    providerLists(fake, ['doubao-seed-1-6-251015', 'doubao-seed-2.0-mini'])
    const { store } = await renderApp(fake)
    expect(store.getState().draftModel).toBe('doubao-seed-2.0-mini')
  })

  it('keeps a model the user picked when the list comes again', async () => {
    const fake = createFakeApi()
    providerLists(fake, ['doubao-seed-2.0-pro', 'glm-4-7-251222'])
    const { store } = await renderApp(fake)
    await act(() => store.getState().selectModel('glm-4-7-251222'))
    await act(() => store.getState().loadModels())
    expect(store.getState().draftModel).toBe('glm-4-7-251222')
  })
})
