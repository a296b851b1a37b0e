// @vitest-environment jsdom
// Correcting what a model accepts in the picker: checkboxes for the chosen model, saved in the
// settings, applied to the options and the composer at once; Reset goes back to the catalog.
import { act, cleanup, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { groupModels } from '../../../src/renderer/src/components/models/ModelPicker'
import { catalogModel, MODELS } from '../../../src/shared/models'
import { createFakeApi, makeDraft, ok, type FakeApi } from './fake-api'
import { stubListViewports } from './layout'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)
stubListViewports()

const GLM = 'glm-4-7-251222'

async function renderApp(fake: FakeApi = createFakeApi()) {
  const store = createTestStore(fake)
  const result = await renderWithStore(<App />, store)
  await act(() => store.getState().init())
  return { ...result, fake, user: userEvent.setup() }
}

const trigger = () => screen.getByRole('button', { name: /^Model: / })
const glmIcons = () =>
  within(screen.getByRole('option', { name: /glm-4-7/ }))
    .getAllByRole('img')
    .map((icon) => icon.getAttribute('aria-label'))

describe('correcting a model in the picker', () => {
  it('toggles what the chosen model accepts, saves it, and resets it to the catalog', async () => {
    const { user, store, fake } = await renderApp()
    await act(() => store.getState().selectModel(GLM))
    await user.click(trigger())
    const box = screen.getByRole('group', { name: 'What GLM 4.7 accepts' })
    const images = within(box).getByRole('checkbox', { name: 'Images' })
    expect(images).toHaveProperty('checked', false)
    expect(within(box).getByRole('checkbox', { name: 'Thinking' })).toHaveProperty('checked', true)
    expect(box.textContent).toContain('As the app’s model list says.')
    expect(within(box).queryByRole('button', { name: 'Reset to default' })).toBeNull()

    // From the filter field, Tab reaches the boxes; the popover stays open.
    await user.tab()
    expect(document.activeElement).toBe(images)
    await user.keyboard(' ')
    expect(fake.api.updateSettings).toHaveBeenLastCalledWith({
      modelCapabilities: { [GLM]: { image: true } }
    })
    expect(images).toHaveProperty('checked', true)
    expect(glmIcons()).toEqual(['Accepts images', 'Thinks before answering'])
    expect(box.textContent).toContain('Corrected by you.')

    await user.click(within(box).getByRole('button', { name: 'Reset to default' }))
    expect(fake.api.updateSettings).toHaveBeenLastCalledWith({ modelCapabilities: {} })
    expect(images).toHaveProperty('checked', false)
    expect(glmIcons()).toEqual(['Thinks before answering'])
    // Esc from a box closes the popover, back on its button.
    await user.click(within(box).getByRole('checkbox', { name: 'Videos' }))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('listbox')).toBeNull()
    expect(document.activeElement).toBe(trigger())
  })

  it('a correction applies to the composer: an image for GLM corrected to see is sent as an image', async () => {
    const { store, fake } = await renderApp()
    await act(() => store.getState().selectModel(GLM))
    await act(() => store.getState().setModelCapabilities(GLM, { image: true }))
    vi.mocked(fake.api.addAttachment).mockResolvedValueOnce(ok(makeDraft({ name: 'shot.png' })))
    const file = new File([new Uint8Array(64).fill(7)], 'shot.png', { type: 'image/png' })
    await act(() => store.getState().addFiles([file]))
    const tray = screen.getByRole('list', { name: 'Attachments to send' })
    expect(within(tray).queryByText('Sent as its text')).toBeNull()
    await act(() => store.getState().setModelCapabilities(GLM, null))
    expect(within(tray).getByText('Sent as its text')).toBeTruthy()
  })
})

describe('unlisted ids in the picker', () => {
  it('go under the group their family says', () => {
    const models = [...MODELS, catalogModel('doubao-seed-2.1-pro'), catalogModel('glm-5')]
    const groups = groupModels(models, 'mystery-model')
    expect(groups.map((g) => [g.key, g.models.map((m) => m.id).slice(-1)[0]])).toEqual([
      ['seed-2.0', 'doubao-seed-2.0-mini'],
      ['seed-1.8', 'doubao-seed-1-8-251228'],
      ['seed-1.6', 'doubao-seed-1-6-vision-250815'],
      ['glm', 'glm-5'],
      ['seed', 'doubao-seed-2.1-pro'],
      ['other', 'mystery-model']
    ])
  })
})
