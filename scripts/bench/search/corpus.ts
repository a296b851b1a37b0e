// The search benchmark's corpus: English, Chinese and mixed conversations from real words
// (data/search-corpus.json), with accents, code and a little Japanese and Korean, written through
// the app's own history module so the same triggers index it. Deterministic for a seed.
import { performance } from 'node:perf_hooks'
import { createHash } from 'node:crypto'
import { attachToMessage, type NewAttachment } from '../../../src/main/attachments/records'
import type { HistoryDatabase } from '../../../src/main/db/database'
import * as conversations from '../../../src/main/history/conversations'
import * as messages from '../../../src/main/history/messages'
import { createProject, setConversationProject } from '../../../src/main/projects/projects'
import corpus from '../data/search-corpus.json'
import { log } from '../lib/measure'

const { en: EN, zh: ZH, cjkExtras: CJK_EXTRAS, identifiers: IDENTIFIERS, code: CODE } = corpus
// Models as people use them: one most of the time, a few now and then, one rarely (~2%).
const MODEL_SHARES = [0.42, 0.2, 0.14, 0.12, 0.1, 0.02]
const MODELS = corpus.models
// Projects and the share of conversations in each: one big, a few middling, one rare; the rest
// (about 72%) in none.
export const PROJECTS = [
  { name: 'Work', share: 0.12 },
  { name: '论文', share: 0.08 },
  { name: 'Home lab', share: 0.05 },
  { name: '旅行计划', share: 0.02 },
  { name: 'Taxes 2025', share: 0.005 }
]
/** Shares of conversations pinned and archived, and of user messages with images or documents. */
const PINNED = 0.02
const ARCHIVED = 0.25
const WITH_IMAGES = 0.04
const WITH_DOCUMENTS = 0.012
const IMAGE_NAMES = ['screenshot.png', 'IMG_{n}.jpg', '架构图.png', 'photo_{n}.jpeg', '截图{n}.png']
const DOCUMENT_NAMES = [
  'report-{n}.pdf',
  '需求文档.docx',
  'notes.md',
  'contract_{n}.pdf',
  '会议纪要.txt'
]

class Random {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0 || 1
  }
  /** Uniform in [0, 1). mulberry32. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  /** An index into `shares` (which sum to at most 1), or -1 for the rest. */
  share(shares: readonly number[]): number {
    let u = this.next()
    for (let i = 0; i < shares.length; i++) {
      if (u < shares[i]) return i
      u -= shares[i]
    }
    return -1
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  /** Zipf-like: early items are much more frequent, as in real text. */
  zipf<T>(items: readonly T[]): T {
    const u = this.next()
    return items[Math.min(items.length - 1, Math.floor(items.length * u * u))]
  }
}

class Writer {
  constructor(private random: Random) {}

  private fill(template: string, lang: typeof EN | typeof ZH): string {
    return template.replace(/\{([ntap])\}/g, (_, slot: string) => {
      if (slot === 'n') return this.random.zipf(lang.nouns)
      if (slot === 'a') return this.random.zipf(lang.adjectives)
      if (slot === 't') return this.random.zipf(EN.tech)
      return this.random.pick(lang.places)
    })
  }

  sentence(language: 'en' | 'zh'): string {
    const r = this.random
    if (r.chance(0.02)) return r.pick(CJK_EXTRAS)
    if (language === 'en') {
      if (r.chance(0.06)) return r.pick(EN.extras)
      const opening = r.pick(EN.openers) + r.pick(EN.subjects)
      const s = this.fill(
        `${opening} ${r.pick(EN.verbs)} ${r.pick(EN.objects)}${r.pick(EN.endings)}`,
        EN
      )
      return s.charAt(0).toUpperCase() + s.slice(1)
    }
    if (r.chance(0.06)) return r.pick(ZH.extras)
    return this.fill(
      r.pick(ZH.openers) +
        r.pick(ZH.subjects) +
        r.pick(ZH.verbs) +
        r.pick(ZH.objects) +
        r.pick(ZH.endings),
      ZH
    )
  }

  /** `count` sentences, in paragraphs, with lists and code blocks now and then. */
  text(language: 'en' | 'zh' | 'mixed', count: number, allowCode: boolean): string {
    const r = this.random
    const parts: string[] = []
    const separator = language === 'zh' ? '' : ' '
    let paragraph: string[] = []
    const lang = () => (language === 'mixed' ? (r.chance(0.5) ? 'en' : 'zh') : language)
    for (let i = 0; i < count; i++) {
      if (allowCode && r.chance(0.04)) {
        if (paragraph.length) parts.push(paragraph.join(separator))
        paragraph = []
        const code = r.pick(CODE).replace('{id}', r.pick(IDENTIFIERS))
        parts.push(`\`\`\`\n${code}\n\`\`\``)
      } else if (allowCode && r.chance(0.03)) {
        if (paragraph.length) parts.push(paragraph.join(separator))
        paragraph = []
        const items = r.int(2, 5)
        parts.push(
          Array.from({ length: items }, (_, k) => `${k + 1}. ${this.sentence(lang())}`).join('\n')
        )
      } else {
        paragraph.push(this.sentence(lang()))
        if (r.chance(0.2)) {
          parts.push(paragraph.join(separator))
          paragraph = []
        }
      }
    }
    if (paragraph.length) parts.push(paragraph.join(separator))
    return parts.join('\n\n')
  }
}

// better-sqlite3 frees a statement only once the event loop turns after it is collected, and the
// history module prepares one per call: a long synchronous loop would hold every one of them.
export const turnEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Builds the corpus through the app's history module: the same statements and triggers. */
export async function buildCorpus(db: HistoryDatabase, total: number, seed: number): Promise<void> {
  const random = new Random(seed)
  const writer = new Writer(random)
  let clock = Date.UTC(2024, 0, 1)
  const projectIds = PROJECTS.map((project) => createProject(db, { name: project.name }, clock).id)
  let files = 0
  const attachments = (): NewAttachment[] => {
    const images = random.chance(WITH_IMAGES) ? random.int(1, 3) : 0
    const documents = random.chance(WITH_DOCUMENTS) ? random.int(1, 2) : 0
    return Array.from({ length: images + documents }, (_, k) => {
      const image = k < images
      const name = random.pick(image ? IMAGE_NAMES : DOCUMENT_NAMES).replace('{n}', String(++files))
      return {
        sha256: createHash('sha256').update(`${seed}:${files}:${k}`).digest('hex'),
        kind: image ? 'image' : 'document',
        name,
        mime: image ? 'image/png' : 'application/pdf',
        bytes: random.int(10_000, 3_000_000),
        width: image ? 1280 : null,
        height: image ? 800 : null,
        durationSeconds: null,
        fps: null
      }
    })
  }
  let written = 0
  let lastLog = performance.now()
  const started = performance.now()
  while (written < total) {
    const size = Math.min(total - written, random.int(10, 200))
    const language = random.pick([
      'en',
      'en',
      'en',
      'en',
      'zh',
      'zh',
      'zh',
      'zh',
      'mixed',
      'mixed'
    ] as const)
    const model = MODELS[Math.max(0, random.share(MODEL_SHARES))]
    // A few conversations switch models halfway (their replies name each model).
    const laterModel = random.chance(0.05) ? random.pick(MODELS) : model
    const project = random.share(PROJECTS.map((p) => p.share))
    const pinned = random.chance(PINNED)
    const archived = !pinned && random.chance(ARCHIVED)
    db.transaction(() => {
      clock += random.int(60_000, 6 * 3600_000)
      const firstQuestion = writer.text(language, random.int(1, 3), false)
      const conversation = conversations.createConversation(db, {
        title: firstQuestion.replace(/\s+/g, ' ').slice(0, language === 'en' ? 40 : 16),
        model,
        now: clock
      })
      if (project >= 0) setConversationProject(db, conversation.id, projectIds[project])
      if (pinned) conversations.setConversationPinned(db, conversation.id, true, clock)
      for (let k = 0; k < size; k++) {
        clock += random.int(2_000, 120_000)
        if (k % 2 === 0) {
          const long = random.chance(0.05)
          const question = messages.insertMessage(db, {
            conversationId: conversation.id,
            role: 'user',
            content:
              k === 0
                ? firstQuestion
                : writer.text(language, long ? random.int(8, 25) : random.int(1, 3), long),
            status: 'done',
            model: null,
            now: clock
          })
          const files = attachments()
          if (files.length) attachToMessage(db, question.id, files)
          continue
        }
        if (k === Math.floor(size / 2) && laterModel !== model)
          conversations.setConversationModel(db, conversation.id, laterModel)
        // A reply: inserted empty, streamed in by appends (reasoning first), then finished.
        const reply = messages.insertMessage(db, {
          conversationId: conversation.id,
          role: 'assistant',
          content: '',
          status: 'streaming',
          model: k > size / 2 ? laterModel : model,
          now: clock
        })
        const reasoning = random.chance(0.3) ? writer.text(language, random.int(3, 12), false) : ''
        const content = writer.text(language, random.int(2, random.chance(0.2) ? 40 : 14), true)
        const chunks = random.int(1, 3)
        if (reasoning) messages.appendToMessage(db, reply.id, { content: '', reasoning })
        for (let c = 0; c < chunks; c++) {
          const from = Math.floor((content.length * c) / chunks)
          const to = Math.floor((content.length * (c + 1)) / chunks)
          messages.appendToMessage(db, reply.id, {
            content: content.slice(from, to),
            reasoning: ''
          })
        }
        messages.finishMessage(db, reply.id, {
          status: 'done',
          finishReason: 'stop',
          usage: {
            promptTokens: random.int(10, 4000),
            completionTokens: random.int(10, 2000),
            reasoningTokens: null
          },
          error: null
        })
      }
      conversations.touchConversation(db, conversation.id, clock)
      if (archived) conversations.setConversationArchived(db, conversation.id, true, clock)
    })()
    written += size
    await turnEventLoop()
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now()
      const rate = written / ((lastLog - started) / 1000)
      log(
        `  ${written.toLocaleString('en')} / ${total.toLocaleString('en')} messages, ${Math.round(rate)}/s`
      )
    }
  }
}
