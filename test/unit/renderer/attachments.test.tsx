// @vitest-environment jsdom
// Attachments in the renderer: the tray, the fps control, paste and drop, the model warning,
// refusals in words, the left-out notice, and attachments in sent messages.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppErrorInfo, Result } from '../../../src/shared/errors'
import type { AttachmentDraft } from '../../../src/shared/types'
import { DEFAULT_MODEL, modelDisplayName } from '../../../src/shared/models'
import { i18n } from '../../../src/renderer/src/i18n'
import { selectTray, type AppStore } from '../../../src/renderer/src/store'
import { Composer } from '../../../src/renderer/src/components/composer/Composer'
import { DropZone } from '../../../src/renderer/src/components/composer/DropZone'
import { LeftOutNotice } from '../../../src/renderer/src/components/chat/LeftOutNotice'
import { MessageView } from '../../../src/renderer/src/components/chat/MessageView'
import {
  createFakeApi,
  makeAttachment,
  makeConversation,
  makeDraft,
  makeMessage,
  ok,
  type FakeApi
} from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(async () => {
  cleanup()
  await i18n.changeLanguage('en')
})

const GLM = 'glm-4-7-251222'

function png(name = 'shot.png', size = 64): File {
  return new File([new Uint8Array(size).fill(7)], name, { type: 'image/png' })
}

function mp4(name = 'clip.mp4'): File {
  return new File([new Uint8Array(32).fill(1)], name, { type: 'video/mp4' })
}

function refused(
  reason: string,
  params: Record<string, string | number> = {},
  message = 'English text from main'
): Result<never> {
  return { ok: false, error: { code: 'attachment_refused', message, reason, params } }
}

/** A started chat with the composer (and the window-wide drop/paste listener) on screen. */
async function setup(fake: FakeApi = createFakeApi()) {
  const store = createTestStore(fake)
  await store.getState().init()
  await renderWithStore(
    <>
      <DropZone />
      <LeftOutNotice />
      <Composer />
    </>,
    store
  )
  const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement
  const send = () => screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement
  return { fake, store, box, send, user: userEvent.setup() }
}

/** addAttachment answers with these drafts, in order (then the default PNG draft). */
function answerWith(fake: FakeApi, ...answers: Array<AttachmentDraft | Result<never>>): void {
  for (const answer of answers) {
    vi.mocked(fake.api.addAttachment).mockResolvedValueOnce('ok' in answer ? answer : ok(answer))
  }
}

async function attach(store: AppStore, ...files: File[]): Promise<void> {
  await act(() => store.getState().addFiles(files))
}

describe('attachment tray', () => {
  it('shows each attachment with its thumbnail, name and size, and removes it', async () => {
    const { fake, store, send } = await setup()
    answerWith(
      fake,
      makeDraft({ name: 'shot.png', bytes: 1_234_567 }),
      makeDraft({ kind: 'video', name: 'clip.mp4', bytes: 8_400_000 })
    )
    await attach(store, png('shot.png'), mp4('clip.mp4'))

    const tray = screen.getByRole('list', { name: 'Attachments to send' })
    const items = within(tray).getAllByRole('listitem')
    expect(items).toHaveLength(2)
    const image = within(items[0]).getByRole('img', {
      name: 'Preview of shot.png'
    }) as HTMLImageElement
    const draft = selectTray(store.getState()).drafts[0]
    expect(image.getAttribute('src')).toBe(draft.thumbnailUrl)
    expect(items[0].textContent).toContain('shot.png')
    expect(items[0].textContent).toContain('1.2 MB')
    // The video's poster frame, its length and size.
    expect(within(items[1]).getByRole('img', { name: 'Preview of clip.mp4' })).toBeTruthy()
    expect(items[1].textContent).toContain('0:10 · 8.4 MB')

    // Files alone may be sent: no text needed.
    expect(send().disabled).toBe(false)

    fireEvent.click(screen.getByRole('button', { name: 'Remove shot.png' }))
    expect(screen.queryByRole('img', { name: 'Preview of shot.png' })).toBeNull()
    expect(
      within(screen.getByRole('list', { name: 'Attachments to send' })).getAllByRole('listitem')
    ).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Remove clip.mp4' }))
    expect(screen.queryByRole('list', { name: 'Attachments to send' })).toBeNull()
    expect(send().disabled).toBe(true)
  })

  it('reads picked files one at a time, with the current model, showing each as busy meanwhile', async () => {
    const { fake, user } = await setup()
    let finishFirst!: (value: Result<AttachmentDraft>) => void
    vi.mocked(fake.api.addAttachment).mockReturnValueOnce(
      new Promise((resolve) => (finishFirst = resolve))
    )
    const input = document.querySelector('input[type="file"]') as HTMLInputElement
    expect(input.multiple).toBe(true)
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeTruthy()

    await user.upload(input, [png('one.png', 10), png('two.png', 20)])
    await waitFor(() => expect(fake.api.addAttachment).toHaveBeenCalledTimes(1))
    // The second waits for the first; both show as being checked.
    expect(screen.getAllByText(/Checking…/)).toHaveLength(2)
    expect(screen.getByRole('button', { name: 'Send' }).hasAttribute('disabled')).toBe(true)
    const first = vi.mocked(fake.api.addAttachment).mock.calls[0][0]
    expect(first.name).toBe('one.png')
    expect(first.model).toBe(DEFAULT_MODEL)
    expect(first.data).toBeInstanceOf(Uint8Array)
    expect(first.data.byteLength).toBe(10)

    await act(async () => finishFirst(ok(makeDraft({ name: 'one.png' }))))
    await waitFor(() => expect(fake.api.addAttachment).toHaveBeenCalledTimes(2))
    expect(vi.mocked(fake.api.addAttachment).mock.calls[1][0].name).toBe('two.png')
    await waitFor(() => expect(screen.queryByText(/Checking…/)).toBeNull())
    expect(screen.getByRole('img', { name: 'Preview of two.png' })).toBeTruthy()
  })

  it('sends text with the attachments and the chosen fps, then empties the tray', async () => {
    const { fake, store, box, user } = await setup()
    const image = makeDraft({ name: 'shot.png' })
    const video = makeDraft({ kind: 'video', name: 'clip.mp4', durationSeconds: 10 })
    answerWith(fake, image, video)
    await attach(store, png(), mp4())

    const fps = screen.getByRole('spinbutton', {
      name: 'Frames per second for clip.mp4'
    }) as HTMLInputElement
    expect(fps.value).toBe('1')
    fireEvent.change(fps, { target: { value: '2' } })
    await user.type(box, 'What happens here?{Enter}')

    expect(fake.api.sendMessage).toHaveBeenCalledTimes(1)
    expect(fake.api.sendMessage).toHaveBeenCalledWith({
      conversationId: null,
      model: DEFAULT_MODEL,
      text: 'What happens here?',
      attachments: [
        { sha256: image.sha256, name: 'shot.png' },
        { sha256: video.sha256, name: 'clip.mp4', fps: 2 }
      ]
    })
    expect(screen.queryByRole('list', { name: 'Attachments to send' })).toBeNull()
    expect(selectTray(store.getState()).drafts).toHaveLength(0)
  })

  it('sends files without text', async () => {
    const { fake, store, send } = await setup()
    await attach(store, png())
    fireEvent.click(send())
    await waitFor(() => expect(fake.api.sendMessage).toHaveBeenCalledTimes(1))
    expect(vi.mocked(fake.api.sendMessage).mock.calls[0][0]).toMatchObject({
      text: '',
      attachments: [{ name: 'shot.png' }]
    })
  })

  it('keeps a tray per conversation', async () => {
    const conversation = makeConversation({ id: 9 })
    const { store } = await setup(createFakeApi({ conversations: [conversation] }))
    await attach(store, png('for-new-chat.png'))
    await act(() => store.getState().openConversation(9))
    expect(screen.queryByRole('img', { name: 'Preview of for-new-chat.png' })).toBeNull()
    await attach(store, png('for-nine.png'))
    act(() => store.getState().newChat())
    expect(screen.getByRole('img', { name: 'Preview of for-new-chat.png' })).toBeTruthy()
    expect(screen.queryByRole('img', { name: 'Preview of for-nine.png' })).toBeNull()
  })

  it('puts the files back when the send fails', async () => {
    const { fake, store, box, user } = await setup()
    await attach(store, png())
    vi.mocked(fake.api.sendMessage).mockResolvedValueOnce({
      ok: false,
      error: { code: 'network', message: 'offline' }
    })
    await user.type(box, 'Look{Enter}')
    await waitFor(() => expect(box.value).toBe('Look'))
    expect(screen.getByRole('img', { name: 'Preview of shot.png' })).toBeTruthy()
    expect(store.getState().banner?.code).toBe('network')
  })
})

describe('fps control', () => {
  it('shows the frames a video costs on the current model, live, with the minimum and the cap', async () => {
    const { fake, store } = await setup()
    answerWith(fake, makeDraft({ kind: 'video', name: 'clip.mp4', durationSeconds: 10 }))
    await attach(store, mp4())
    const item = screen.getByRole('listitem')
    const fps = within(item).getByRole('spinbutton', {
      name: 'Frames per second for clip.mp4'
    }) as HTMLInputElement
    expect(fps.min).toBe('0.2')
    expect(fps.max).toBe('5')
    expect(fps.step).toBe('0.1')

    // 10 s × 1 fps = 10 frames, raised to the 16 the API always samples.
    expect(item.textContent).toContain('≈ 16 frames')
    expect(item.textContent).toContain('raised to the 16-frame minimum')

    fireEvent.change(fps, { target: { value: '2.5' } })
    expect(item.textContent).toContain('≈ 25 frames')
    expect(item.textContent).not.toContain('minimum')
    expect(selectTray(store.getState()).drafts[0].fps).toBe(2.5)
  })

  it('notes the cap of the model, and follows a model change', async () => {
    const { fake, store } = await setup()
    answerWith(fake, makeDraft({ kind: 'video', name: 'talk.mp4', durationSeconds: 400 }))
    await attach(store, mp4('talk.mp4'))
    const item = screen.getByRole('listitem')
    const fps = within(item).getByRole('spinbutton', { name: 'Frames per second for talk.mp4' })
    fireEvent.change(fps, { target: { value: '2' } })
    // 800 wanted; Seed 1.6 samples at most 640.
    expect(item.textContent).toContain('≈ 640 frames')
    expect(item.textContent).toContain(
      "capped at Doubao Seed 1.6's maximum of 640 frames (≈ 1.6 fps"
    )

    await act(() => store.getState().selectModel('doubao-seed-2.0-pro'))
    expect(item.textContent).toContain('≈ 800 frames')
    expect(item.textContent).not.toContain('capped')
  })

  it('brings a typed rate into 0.2..5 when the box loses focus', async () => {
    const { fake, store } = await setup()
    answerWith(fake, makeDraft({ kind: 'video', name: 'clip.mp4', durationSeconds: 100 }))
    await attach(store, mp4())
    const fps = screen.getByRole('spinbutton', {
      name: 'Frames per second for clip.mp4'
    }) as HTMLInputElement
    fireEvent.focus(fps)
    fireEvent.change(fps, { target: { value: '9' } })
    // Out of range while typing: the rate in force stays.
    expect(selectTray(store.getState()).drafts[0].fps).toBe(1)
    fireEvent.blur(fps)
    expect(selectTray(store.getState()).drafts[0].fps).toBe(5)
    expect(fps.value).toBe('5')
    expect(screen.getByRole('listitem').textContent).toContain('≈ 500 frames')
  })
})

describe('paste and drop', () => {
  it('attaches a pasted image once, wherever it is pasted', async () => {
    const { fake, box } = await setup()
    const screenshot = png('image.png')
    const event = fireEvent.paste(box, { clipboardData: { files: [screenshot], types: ['Files'] } })
    expect(event).toBe(false) // default prevented: the text box gets nothing
    await waitFor(() =>
      expect(screen.getByRole('img', { name: 'Preview of image.png' })).toBeTruthy()
    )
    expect(fake.api.addAttachment).toHaveBeenCalledTimes(1)
    expect(vi.mocked(fake.api.addAttachment).mock.calls[0][0].name).toBe('image.png')
  })

  it('leaves a text paste to the text box', async () => {
    const { fake, box } = await setup()
    const event = fireEvent.paste(box, {
      clipboardData: { files: [], types: ['text/plain'], getData: () => 'hello' }
    })
    expect(event).toBe(true)
    expect(fake.api.addAttachment).not.toHaveBeenCalled()
  })

  it('shows what a drop will do while files are dragged over the window, and attaches them on drop', async () => {
    const { fake } = await setup()
    const files = [png('a.png'), mp4('b.mp4')]
    const dataTransfer = { types: ['Files'], files, dropEffect: 'none' }
    fireEvent.dragEnter(document.body, { dataTransfer })
    fireEvent.dragOver(document.body, { dataTransfer })
    const overlay = screen.getByTestId('drop-overlay')
    expect(overlay.textContent).toContain('Drop to attach images, videos or files')
    expect(overlay.textContent).toContain(
      '(PNG, JPEG, GIF, WebP, BMP, TIFF, ICO, HEIC; MP4, MOV, AVI)'
    )
    // The model by its name, not its id (issue 15).
    expect(overlay.textContent).toContain(modelDisplayName(DEFAULT_MODEL))

    const dropped = fireEvent.drop(document.body, { dataTransfer })
    expect(dropped).toBe(false)
    expect(screen.queryByTestId('drop-overlay')).toBeNull()
    await waitFor(() => expect(fake.api.addAttachment).toHaveBeenCalledTimes(2))
    expect(vi.mocked(fake.api.addAttachment).mock.calls.map((call) => call[0].name)).toEqual([
      'a.png',
      'b.mp4'
    ])
  })

  it('hides the overlay when the drag leaves the window', async () => {
    await setup()
    const dataTransfer = { types: ['Files'], files: [] }
    fireEvent.dragEnter(document.body, { dataTransfer })
    fireEvent.dragEnter(screen.getByRole('textbox', { name: 'Message' }), { dataTransfer })
    fireEvent.dragLeave(document.body, { dataTransfer })
    expect(screen.getByTestId('drop-overlay')).toBeTruthy()
    fireEvent.dragLeave(screen.getByRole('textbox', { name: 'Message' }), { dataTransfer })
    expect(screen.queryByTestId('drop-overlay')).toBeNull()
  })
})

describe('a model that cannot take the files', () => {
  it('an image goes to a model that cannot see it as its text: labelled so, Send stays open', async () => {
    const { fake, store, box, send, user } = await setup()
    answerWith(fake, makeDraft({ name: 'shot.png' }))
    await attach(store, png())
    await act(() => store.getState().selectModel(GLM))
    await user.type(box, 'What is this?')

    expect(screen.queryByRole('alert')).toBeNull()
    const tray = screen.getByRole('list', { name: 'Attachments to send' })
    // Attached for a model that sees: the text is read when it is sent.
    expect(within(tray).getByText('Sent as its text').getAttribute('title')).toBe(
      'GLM 4.7 cannot see images: the text read in this image is sent instead. The text is read when you send.'
    )
    expect(send().disabled).toBe(false)
    await user.click(send())
    expect(vi.mocked(fake.api.sendMessage).mock.calls[0][0]).toMatchObject({
      model: GLM,
      attachments: [{ name: 'shot.png' }]
    })
  })

  it('shows the text read in an image attached for a text-only model', async () => {
    const { fake, store, user } = await setup()
    await act(() => store.getState().selectModel(GLM))
    answerWith(
      fake,
      makeDraft({ name: 'shot.png', imageText: 'Connection timeout\n数据库连接超时' })
    )
    await attach(store, png())
    const label = await screen.findByText('Sent as its text')
    await user.click(label)
    expect(screen.getByText(/数据库连接超时/).textContent).toBe(
      'Connection timeout\n数据库连接超时'
    )
  })

  it('a video still blocks Send on a model that cannot watch it, until it is removed', async () => {
    const { fake, store, box, send, user } = await setup()
    answerWith(
      fake,
      makeDraft({ name: 'shot.png' }),
      makeDraft({ kind: 'video', name: 'clip.mp4' })
    )
    await attach(store, png(), mp4())
    await act(() => store.getState().selectModel(GLM))
    await user.type(box, 'Hi')
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('GLM 4.7 cannot watch videos.')
    expect(send().disabled).toBe(true)
    await user.keyboard('{Enter}')
    expect(fake.api.sendMessage).not.toHaveBeenCalled()
    expect(await store.getState().sendMessage('Hi')).toBe(false)
    expect(
      within(alert).getByRole('button', { name: 'Switch to Doubao Seed 2.0 Pro' })
    ).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Remove clip.mp4' }))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(send().disabled).toBe(false)
  })

  it('an image without text for a text-only model: the reason, and a switch that attaches it', async () => {
    const { fake, store, user } = await setup()
    await act(() => store.getState().selectModel(GLM))
    answerWith(
      fake,
      refused('image_no_text', { model: GLM, name: 'blank.png', sees: 0 }),
      makeDraft({ name: 'blank.png' })
    )
    await attach(store, png())
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain(
      'No text was found in blank.png, and GLM 4.7 cannot see images. Switch to a model that can, or remove the image.'
    )
    await user.click(
      within(alert).getByRole('button', { name: 'Switch to Doubao Seed 2.0 Pro and attach' })
    )
    expect(vi.mocked(fake.api.addAttachment).mock.calls[1][0].model).toBe('doubao-seed-2.0-pro')
  })

  it('offers to switch and attach again when main refuses a file for the model', async () => {
    const { fake, store, user } = await setup()
    await act(() => store.getState().selectModel(GLM))
    answerWith(
      fake,
      refused('model_no_image', { model: GLM, models: 'doubao-seed-2.0-pro' }),
      makeDraft({ name: 'shot.png' })
    )
    await attach(store, png())
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('shot.png')
    expect(alert.textContent).toContain('GLM 4.7 cannot see images.')
    expect(screen.queryByRole('list', { name: 'Attachments to send' })).toBeNull()

    await user.click(
      within(alert).getByRole('button', { name: 'Switch to Doubao Seed 2.0 Pro and attach' })
    )
    await waitFor(() =>
      expect(screen.getByRole('img', { name: 'Preview of shot.png' })).toBeTruthy()
    )
    expect(vi.mocked(fake.api.addAttachment).mock.calls[1][0].model).toBe('doubao-seed-2.0-pro')
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('refusals', () => {
  const cases: Array<[string, Record<string, string | number>, string]> = [
    [
      'image_too_small',
      { width: 10, height: 100, limit: 14 },
      'The image is 10×100 px; each side must be more than 14 px.'
    ],
    [
      'image_aspect_ratio',
      { width: 1, height: 200, ratio: 200, limit: 150 },
      'The image is 1×200 px, an aspect ratio of 200:1; the API takes at most 150:1.'
    ],
    ['unsupported_format', { format: 'webm' }, 'WebM files are not accepted by the API.'],
    ['unknown_format', {}, 'Not a format the app knows'],
    [
      'video_too_large',
      { bytes: 72_000_000, limit: 50_000_000 },
      'The video is 72 MB; it can be at most 50 MB.'
    ]
  ]

  for (const [reason, params, text] of cases) {
    it(`says why a file was refused: ${reason}`, async () => {
      const { fake, store } = await setup()
      answerWith(fake, refused(reason, params))
      await attach(store, png('bad.png'))
      const alert = screen.getByRole('alert')
      expect(alert.textContent).toContain('bad.png')
      expect(alert.textContent).toContain(text)
      // Translated from the reason, not main's English.
      expect(alert.textContent).not.toContain('English text from main')
      expect(screen.queryByRole('list', { name: 'Attachments to send' })).toBeNull()
      fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss the note about bad.png' }))
      expect(screen.queryByRole('alert')).toBeNull()
    })
  }

  it('says it in Chinese too', async () => {
    const { fake, store } = await setup()
    await act(() => i18n.changeLanguage('zh-CN'))
    answerWith(fake, refused('image_too_small', { width: 10, height: 100, limit: 14 }))
    await attach(store, png('bad.png'))
    expect(screen.getByRole('alert').textContent).toContain(
      '图片为 10×100 像素；每条边都必须大于 14 像素。'
    )
  })

  it('refuses files too big to hand over without reading them', async () => {
    const { fake, store } = await setup()
    const huge = png('huge.tiff')
    Object.defineProperty(huge, 'size', { value: 70_000_000 })
    const read = vi.spyOn(huge, 'arrayBuffer')
    await attach(store, huge)
    expect(read).not.toHaveBeenCalled()
    expect(fake.api.addAttachment).not.toHaveBeenCalled()
    expect(screen.getByRole('alert').textContent).toContain(
      'The file is 70 MB; the app takes files up to 60 MB.'
    )
  })

  it('shows a refusal of the send in the tray, and keeps the files', async () => {
    const { fake, store, box, user } = await setup()
    answerWith(fake, makeDraft({ kind: 'video', name: 'big.mp4' }))
    await attach(store, mp4('big.mp4'))
    vi.mocked(fake.api.sendMessage).mockResolvedValueOnce(
      refused('request_too_large', {
        bytes: 70_000_000,
        attachmentBytes: 69_000_000,
        limit: 64_000_000
      })
    )
    await user.type(box, 'Watch{Enter}')
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(
      'These attachments come to 70 MB in the request; a request takes at most 64 MB.'
    )
    expect(screen.getByRole('img', { name: 'Preview of big.mp4' })).toBeTruthy()
    expect(box.value).toBe('Watch')
    expect(store.getState().banner).toBeNull()
  })
})

describe('left-out notice', () => {
  it('names the earlier files a request went without, and why', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.sendMessage).mockImplementationOnce(async ({ model, text }) => {
      const conversation = makeConversation({ id: 41, model })
      return ok({
        conversation,
        userMessage: makeMessage({ conversationId: 41, role: 'user', content: text }),
        assistantMessage: makeMessage({ conversationId: 41, status: 'streaming', model }),
        leftOut: [
          {
            messageId: 1,
            ordinal: 0,
            sha256: 'a'.repeat(64),
            name: 'old.mp4',
            kind: 'video',
            reason: 'request_size'
          },
          {
            messageId: 1,
            ordinal: 1,
            sha256: 'b'.repeat(64),
            name: 'chart.png',
            kind: 'image',
            reason: 'model'
          },
          {
            messageId: 2,
            ordinal: 0,
            sha256: 'c'.repeat(64),
            name: 'gone.png',
            kind: 'image',
            reason: 'missing'
          }
        ]
      })
    })
    const { box, user } = await setup(fake)
    await user.type(box, 'And now?{Enter}')
    const status = await screen.findByRole('status')
    expect(status.textContent).toContain('Not sent with this message:')
    expect(status.textContent).toContain('“old.mp4” — left out to keep the request under 64 MB')
    expect(status.textContent).toContain('“chart.png” — the model cannot take it')
    expect(status.textContent).toContain('“gone.png” — file missing')
    await user.click(
      within(status).getByRole('button', { name: 'Dismiss the note about left-out files' })
    )
    expect(screen.queryByRole('status')).toBeNull()
  })

  it('shows nothing when nothing was left out', async () => {
    const { box, user, fake } = await setup()
    await user.type(box, 'Hi{Enter}')
    await waitFor(() => expect(fake.api.sendMessage).toHaveBeenCalled())
    expect(screen.queryByRole('status')).toBeNull()
  })
})

describe('sent messages', () => {
  it('show their attachments: thumbnails, names, and a badge with length and fps for videos', async () => {
    const store = createTestStore()
    const image = makeAttachment({ name: 'screen.png' })
    const video = makeAttachment({ kind: 'video', name: 'demo.mp4', durationSeconds: 75, fps: 2 })
    await renderWithStore(
      <MessageView
        message={makeMessage({ role: 'user', content: 'Look', attachments: [image, video] })}
      />,
      store
    )
    const article = screen.getByRole('article', { name: 'You' })
    const images = within(article).getAllByRole('img') as HTMLImageElement[]
    expect(images.map((img) => img.getAttribute('src'))).toEqual([
      image.thumbnailUrl,
      video.thumbnailUrl
    ])
    expect(article.textContent).toContain('screen.png')
    expect(article.textContent).toContain('demo.mp4')
    expect(article.textContent).toContain('1:15 · 2 fps')
    expect(article.textContent).toContain('Look')
  })

  it('show a message of files alone without an empty bubble', async () => {
    const store = createTestStore()
    await renderWithStore(
      <MessageView
        message={makeMessage({ role: 'user', content: '', attachments: [makeAttachment()] })}
      />,
      store
    )
    expect(document.querySelector('.message-bubble')).toBeNull()
    expect(screen.getByRole('img', { name: 'Preview of shot.png' })).toBeTruthy()
  })
})

describe('errors', () => {
  it('explain an attachment refusal that reaches the banner (e.g. a retry) by its reason', async () => {
    const { describeError } = await import('../../../src/renderer/src/lib/errorText')
    const error: AppErrorInfo = {
      code: 'attachment_refused',
      message: 'x',
      reason: 'model_no_video',
      params: { model: GLM }
    }
    expect(describeError(error, i18n.t).text).toBe('GLM 4.7 cannot watch videos.')
  })
})
