// @vitest-environment jsdom
// A reply the disk refused to save shows the storage error with "Save again", which asks main to
// write the text it kept and shows the saved reply; a refusal again lands in the banner.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Message } from '../../../src/shared/types'
import { MessageView } from '../../../src/renderer/src/components/chat/MessageView'
import { i18n } from '../../../src/renderer/src/i18n'
import { createFakeApi, makeMessage, ok } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(async () => {
  cleanup()
  await i18n.changeLanguage('en')
})

const CONVERSATION = 7
const FOLDER = '/home/someone/.config/Seed Chat'

const unsaved = (): Message =>
  makeMessage({
    id: 2,
    conversationId: CONVERSATION,
    parentId: 1,
    content: 'The whole answer',
    status: 'error',
    finishReason: 'stop',
    error: {
      code: 'storage_full',
      message: `The disk holding the data folder ${FOLDER} is full.`,
      params: { folder: FOLDER }
    }
  })

describe('Save again', () => {
  it('writes the kept reply through main and shows it saved; a refusal goes to the banner', async () => {
    const fake = createFakeApi()
    const store = createTestStore(fake)
    await store.getState().init()
    const reply = unsaved()
    store.setState({ messagesByConversation: { [CONVERSATION]: [reply] } })
    await renderWithStore(<MessageView message={reply} />, store)
    const article = screen.getByRole('article', { name: 'Assistant' })

    vi.mocked(fake.api.saveReplyAgain).mockResolvedValueOnce({
      ok: false,
      error: { code: 'storage_full', message: 'still full', params: { folder: FOLDER } }
    })
    fireEvent.click(within(article).getByRole('button', { name: 'Save again' }))
    await vi.waitFor(() => expect(store.getState().banner?.code).toBe('storage_full'))

    vi.mocked(fake.api.saveReplyAgain).mockResolvedValueOnce(
      ok({ ...reply, status: 'done', error: null })
    )
    fireEvent.click(within(article).getByRole('button', { name: 'Save again' }))
    await vi.waitFor(() =>
      expect(store.getState().messagesByConversation[CONVERSATION][0]).toMatchObject({
        status: 'done',
        error: null,
        content: 'The whole answer'
      })
    )
    expect(fake.api.saveReplyAgain).toHaveBeenCalledWith({ messageId: 2 })
  })

  it('is offered only for a storage error, and reads in Chinese', async () => {
    const store = createTestStore()
    await store.getState().init()
    const failed = makeMessage({
      id: 3,
      conversationId: CONVERSATION,
      status: 'error',
      error: { code: 'network', message: 'offline' }
    })
    store.setState({ messagesByConversation: { [CONVERSATION]: [failed] } })
    await renderWithStore(<MessageView message={failed} />, store)
    expect(screen.queryByRole('button', { name: 'Save again' })).toBeNull()
    cleanup()

    const reply = {
      ...unsaved(),
      error: { ...unsaved().error!, code: 'storage_unwritable' as const }
    }
    store.setState({ messagesByConversation: { [CONVERSATION]: [reply] } })
    await renderWithStore(<MessageView message={reply} />, store)
    await act(() => i18n.changeLanguage('zh-CN'))
    expect(screen.getByRole('button', { name: '重新保存' })).toBeTruthy()
  })
})
