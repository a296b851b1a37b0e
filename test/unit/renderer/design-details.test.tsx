// @vitest-environment jsdom
// Small things a user meets daily: capability words in the model search (both languages), the
// context meter's quiet share below half, and an empty-state hint that is not the placeholder.
import { cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MODELS } from '../../../src/shared/models'
import { ContextMeter } from '../../../src/renderer/src/components/composer/ContextMeter'
import {
  filterModelGroups,
  groupModels
} from '../../../src/renderer/src/components/models/ModelPicker'
import { i18n } from '../../../src/renderer/src/i18n'
import { createFakeApi, makeConversation, makeMessage, ok } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

describe('the model search', () => {
  const groups = groupModels(MODELS, 'doubao-seed-2.0-pro')
  const ids = (query: string) =>
    filterModelGroups(groups, query).flatMap((group) => group.models.map((model) => model.id))

  it('finds models by what they accept, in English and Chinese', () => {
    const withImages = MODELS.filter((model) => model.image).map((model) => model.id)
    expect(withImages.length).toBeGreaterThan(0)
    expect(ids('视觉')).toEqual(withImages)
    expect(ids('vision')).toEqual(withImages)
    expect(ids('视频')).toEqual(MODELS.filter((model) => model.video).map((model) => model.id))
    const thinking = MODELS.filter((model) => model.thinking).map((model) => model.id)
    expect(ids('思考')).toEqual(thinking)
    expect(ids('thinking')).toEqual(thinking)
    // GLM thinks but takes no images.
    expect(ids('glm 思考')).toEqual(['glm-4-7-251222'])
    expect(ids('glm 视觉')).toEqual([])
  })
})

describe('the context meter', () => {
  it('shows a quiet share below half, not read out, with the full note as its title', async () => {
    const conversation = makeConversation({ id: 40, model: 'glm-4-7-251222' })
    const fake = createFakeApi({ conversations: [conversation] })
    vi.mocked(fake.api.getConversation).mockResolvedValueOnce(
      ok({
        conversation,
        messages: [makeMessage({ conversationId: 40, role: 'user', content: 'y'.repeat(40_000) })],
        hasOlder: false,
        hasNewer: false
      })
    )
    const store = createTestStore(fake)
    await store.getState().init()
    await store.getState().openConversation(40)
    const { container } = await renderWithStore(<ContextMeter draftText="" />, store)
    const meter = container.querySelector('.context-meter-quiet')!
    expect(meter.textContent).toBe('5% of context')
    expect(meter.getAttribute('title')).toBe(
      'About 10,008 of 200,000 tokens (5%) of the model’s context'
    )
    expect(screen.queryByRole('status')).toBeNull()
  })
})

describe('the empty state', () => {
  it('does not repeat the message box’s placeholder, in either language', async () => {
    for (const language of ['en', 'zh-CN']) {
      await i18n.changeLanguage(language)
      const hint = i18n.t('chat.emptyHint')
      expect(hint).not.toContain('Enter')
      expect(i18n.t('composer.placeholder')).not.toContain(hint)
    }
    await i18n.changeLanguage('en')
  })
})
