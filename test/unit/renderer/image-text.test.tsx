// @vitest-environment jsdom
// Text in images in the renderer: a sent image opens in the preview with its recognized text
// (asked of main once, selectable, copied whole), the reading progress in Settings → History, and
// a search hit inside an image's text with the image's thumbnail.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MessageView } from '../../../src/renderer/src/components/chat/MessageView'
import { SearchResult } from '../../../src/renderer/src/components/search/SearchResult'
import { ImageTextProgress } from '../../../src/renderer/src/components/settings/ImageTextProgress'
import { i18n } from '../../../src/renderer/src/i18n'
import type { MessageHit } from '../../../src/shared/search'
import { createFakeApi, makeAttachment, makeMessage, ok } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('the image preview', () => {
  it('shows the recognized text, asks main once, and copies it', async () => {
    const fake = createFakeApi()
    const image = makeAttachment({ name: 'error.png' })
    vi.mocked(fake.api.getImageText).mockResolvedValue(
      ok({ status: 'done', text: '数据库连接超时\nError 504' })
    )
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const message = makeMessage({ role: 'user', content: 'Why?', attachments: [image] })
    await renderWithStore(<MessageView message={message} />, createTestStore(fake))

    fireEvent.click(screen.getByRole('button', { name: 'Open error.png' }))
    const dialog = await screen.findByRole('dialog', { name: 'Image preview: error.png' })
    expect(within(dialog).getByRole('img').getAttribute('src')).toBe(
      `attachment://${image.sha256}/original`
    )
    expect(await within(dialog).findByText(/数据库连接超时/)).toBeTruthy()
    expect(vi.mocked(fake.api.getImageText)).toHaveBeenCalledWith({ sha256: image.sha256 })

    fireEvent.click(within(dialog).getByRole('button', { name: 'Copy text' }))
    await within(dialog).findByText('Copied')
    expect(writeText).toHaveBeenCalledWith('数据库连接超时\nError 504')

    // Closed and opened again: the text is known, main is not asked again.
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Open error.png' }))
    expect(await screen.findByText(/Error 504/)).toBeTruthy()
    expect(vi.mocked(fake.api.getImageText)).toHaveBeenCalledTimes(1)
  })

  it('says when an image has no text, or could not be read', async () => {
    for (const [answer, says] of [
      [{ status: 'done', text: '' }, 'No text was found in this image.'],
      [{ status: 'failed', text: '' }, 'The text of this image could not be read.']
    ] as const) {
      const fake = createFakeApi()
      vi.mocked(fake.api.getImageText).mockResolvedValue(ok(answer))
      const image = makeAttachment({ name: 'blank.png' })
      await renderWithStore(
        <MessageView message={makeMessage({ role: 'user', attachments: [image] })} />,
        createTestStore(fake)
      )
      fireEvent.click(screen.getByRole('button', { name: 'Open blank.png' }))
      expect(await screen.findByText(says)).toBeTruthy()
      expect(screen.queryByRole('button', { name: 'Copy text' })).toBeNull()
      cleanup()
    }
  })
})

describe('the reading progress in Settings', () => {
  it('asks again while images are being read, and stops when all are', async () => {
    vi.useFakeTimers()
    const fake = createFakeApi()
    vi.mocked(fake.api.getImageTextStatus)
      .mockResolvedValueOnce(ok({ done: 1, total: 3, running: true }))
      .mockResolvedValue(ok({ done: 3, total: 3, running: false }))
    await renderWithStore(<ImageTextProgress />, createTestStore(fake))
    await act(async () => {})
    expect(screen.getByText('Reading: 1 of 3 images')).toBeTruthy()
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2_000)
    })
    expect(screen.getByText('The text of all 3 images in the history has been read.')).toBeTruthy()
    const calls = vi.mocked(fake.api.getImageTextStatus).mock.calls.length
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000)
    })
    expect(vi.mocked(fake.api.getImageTextStatus).mock.calls.length).toBe(calls)
  })

  it('reads in Chinese', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.getImageTextStatus).mockResolvedValue(
      ok({ done: 2, total: 5, running: false })
    )
    await renderWithStore(<ImageTextProgress />, createTestStore(fake))
    await act(async () => {
      await i18n.changeLanguage('zh-CN')
    })
    expect(await screen.findByText('已识别 2 / 5 张图片，其余将在后台识别')).toBeTruthy()
    await act(async () => {
      await i18n.changeLanguage('en')
    })
  })
})

describe('a search hit inside an image', () => {
  it('shows the image thumbnail, the kind and the matched words', async () => {
    await i18n.changeLanguage('en')
    const hit: MessageHit = {
      field: 'image',
      archived: false,
      messageId: 5,
      conversationId: 2,
      conversationTitle: 'Errors',
      role: 'user',
      model: 'doubao-seed-1-6-251015',
      createdAt: Date.UTC(2026, 0, 1),
      snippet: [
        { text: '数据库连接超时', match: true },
        { text: '，请稍后重试', match: false }
      ],
      image: { sha256: 'a'.repeat(64), name: 'shot.png', thumbnailUrl: 'attachment://x/thumb' }
    }
    render(<SearchResult id="r" hit={hit} selected={false} onPoint={() => {}} onOpen={() => {}} />)
    const option = screen.getByRole('option')
    expect(within(option).getByText('Text in image')).toBeTruthy()
    expect(
      within(option)
        .getByRole('img', { name: /shot\.png/ })
        .getAttribute('src')
    ).toBe('attachment://x/thumb')
    expect(option.querySelector('mark')?.textContent).toBe('数据库连接超时')
  })
})
