// Search benchmark: npm run bench:search -- --messages 1000000 [--queries FILE] [--runs 20] [--rebuild]
//
// Builds (or reuses, from .bench/) a history database through the app's own history module, so
// the same triggers index it, then for every query times the app's search (first page with
// snippets) and compares its complete result set with a plain scan that implements the
// semantics of docs/search.md on its own: fold every row in JS, test each term with a regular
// expression. Progress goes to stderr, one JSON object to stdout.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import * as conversations from '../src/main/history/conversations'
import { openDatabase, type HistoryDatabase } from '../src/main/db/database'
import * as messages from '../src/main/history/messages'
import { searchAllMessageIds, searchMessages } from '../src/main/history/search'
import { foldText } from '../src/main/db/searchText'
import { parseQuery, type SearchTerm } from '../src/main/history/searchQuery'

// Bump when the generator or the schema changes, so a stale cached database is rebuilt.
const CORPUS_VERSION = 3

const DEFAULT_QUERIES = [
  // English words and word beginnings
  'python',
  'database',
  'performance',
  'error',
  'the',
  'prog',
  'dat',
  'optim',
  'th',
  'a',
  // phrases
  '"machine learning"',
  '"error handling"',
  '"in the"',
  '"the of"',
  // diacritics, both ways
  'cafe',
  'naïve',
  'résumé',
  'creme brulee',
  // Chinese: one and two characters, longer
  '的',
  '猫',
  '数',
  '数据',
  '模型',
  '我们',
  '机器学习',
  '性能优化',
  // mixed Chinese and English, code-ish
  'Python 数据',
  '用Python',
  'API 接口',
  'useState',
  'npm install',
  // Japanese and Korean
  'コーヒー',
  '감사',
  // no hit
  'zyxwvut',
  '量子纠缠',
  '的了',
  'python 咖啡因',
  '"database the"',
  '"the the"',
  '"in a"',
  '"to the of"'
]

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv: string[]) {
  const args = {
    messages: 1_000_000,
    queries: null as string | null,
    runs: 20,
    rebuild: false,
    seed: 1
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = () => {
      const next = argv[++i]
      if (next === undefined) throw new Error(`${flag} needs a value`)
      return next
    }
    if (flag === '--messages')
      args.messages = Math.max(10, Number.parseInt(value().replaceAll('_', ''), 10))
    else if (flag === '--queries') args.queries = value()
    else if (flag === '--runs') args.runs = Math.max(1, Number.parseInt(value(), 10))
    else if (flag === '--seed') args.seed = Number.parseInt(value(), 10)
    else if (flag === '--rebuild') args.rebuild = true
    else if (flag === '--') continue
    else throw new Error(`unknown argument ${flag}`)
  }
  if (!Number.isFinite(args.messages)) throw new Error('--messages must be a number')
  return args
}

const log = (...parts: unknown[]) => process.stderr.write(`${parts.join(' ')}\n`)

// ---------------------------------------------------------------------------------------------
// Corpus: English, Chinese and mixed conversations from real words, with accents, code and a
// little Japanese and Korean. Deterministic for a seed.

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
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  /** Zipf-like: early items are much more frequent, as in real text. */
  zipf<T>(items: readonly T[]): T {
    const u = this.next()
    return items[Math.min(items.length - 1, Math.floor(items.length * u * u))]
  }
}

const words = (text: string) => text.trim().split(/\s+/)

const EN = {
  nouns: words(`
    data function model performance cache server request error query index table file user
    message reply network memory budget recipe coffee travel garden book movie project team
    question answer problem solution method result test version release feature bug issue
    design system service client browser window button page screen layout component state
    value type class object array string number list map key password account email address
    price market report meeting schedule weekend holiday flight hotel city weather summer
    winter music song concert guitar piano lesson course exam student teacher school library
    article paper study experiment dataset training accuracy loss gradient layer network
    pipeline deployment container cluster node thread process queue event log metric alert
    dashboard chart backup migration schema column row transaction lock latency throughput
    résumé café façade fiancée protégé entrée soufflé jalapeño piñata smörgåsbord
    program programming progress product profile option optimization database framework
    algorithm library package module interface protocol prompt token context provider
    dog cat bird horse tree flower river mountain ocean beach road car bike train bus
    doctor health sleep exercise diet breakfast lunch dinner kitchen oven knife bread cheese`),
  adjectives: words(`
    fast slow large small simple complex reliable stable secure expensive cheap new old good
    bad better worse important useful difficult easy clear strange common rare modern classic
    naïve blasé crème déjà quick careful efficient lazy busy quiet noisy warm cold dry fresh
    detailed rough final early late huge tiny hidden public private local remote optimal
    progressive programmable`),
  tech: words(`
    Python React SQLite TypeScript JavaScript Docker Kubernetes Rust Go Java Swift Kotlin
    JSON API GPU CUDA Linux Electron Node.js FTS5 PostgreSQL Redis GraphQL REST HTTP WebSocket
    Git GitHub VSCode Vim npm pip PyTorch TensorFlow pandas NumPy Excel Markdown YAML`),
  verbs: [
    'can improve',
    'should handle',
    'depends on',
    'is related to',
    'will replace',
    'needs',
    'returns',
    'helps with',
    'breaks',
    'updates',
    'reads',
    'writes to',
    'compares well with',
    'explains',
    'slows down',
    'speeds up',
    'caches',
    'validates',
    'ignores',
    'changes',
    'is part of',
    'works with',
    'comes from',
    'makes sense for',
    'was built for',
    'affects',
    'optimizes',
    'programs',
    'profiles',
    'prompts'
  ],
  openers: [
    '',
    '',
    '',
    '',
    'In general, ',
    'First, ',
    'However, ',
    'For example, ',
    'Note that ',
    'If you want, ',
    'In practice, ',
    'To be honest, ',
    'As a result, ',
    'Also, ',
    'Then ',
    'Most of the time, ',
    'On the other hand, ',
    'In the end, ',
    'To optimize the {n}, ',
    'While programming, '
  ],
  subjects: [
    'the {n}',
    'this {n}',
    'your {n}',
    'we',
    'you',
    'the {t} {n}',
    'a good {n}',
    'it',
    'the team',
    'most users',
    'my {n}',
    'our {n}',
    'every {n}',
    'a lot of {n}s',
    'the new {n}'
  ],
  objects: [
    'the {n}',
    '{a} {n}s',
    'the {t} {n}',
    'a {a} {n}',
    '{n} and {n}',
    'the {n} of the {n}',
    'machine learning',
    'error handling',
    'the {n} in the {n}',
    '{t}',
    'all of the {n}s',
    'the {a} {n}',
    'your {n} in {p}',
    'a {n} for the {n}'
  ],
  endings: [
    '.',
    '.',
    '.',
    '.',
    ' in most cases.',
    ' when the {n} is {a}.',
    ' without any {n}.',
    ' for {p}.',
    '?',
    '!',
    ' in the {n}.',
    ', which is {a}.',
    ' because of the {n}.',
    ' with {t}.'
  ],
  places: [
    'São Paulo',
    'Zürich',
    'Montréal',
    'Kraków',
    'Beijing',
    'Shanghai',
    'Tokyo',
    'Seoul',
    'Reykjavík',
    'Málaga',
    'Düsseldorf',
    'Genève',
    'Łódź',
    'Ørsted',
    'Curaçao',
    'New York'
  ],
  extras: [
    'Thanks!',
    'That makes sense.',
    'Can you explain that again?',
    'Let me try it.',
    'We had crème brûlée at the café.',
    'A naïve approach works here.',
    'Update your résumé.',
    'It was déjà vu.',
    'The coöperation went well.',
    'Über cool.',
    'Zoë sent the report.'
  ]
}

const ZH = {
  nouns: words(`
    数据 模型 性能 缓存 服务器 请求 错误 查询 索引 表格 文件 用户 消息 回复 网络 内存 预算
    咖啡 旅行 花园 书 电影 项目 团队 问题 答案 方法 结果 测试 版本 功能 设计 系统 服务 浏览器
    窗口 按钮 页面 组件 状态 类型 对象 数组 字符串 列表 密码 账号 邮件 地址 价格 市场 报告
    会议 周末 假期 航班 酒店 城市 天气 夏天 冬天 音乐 歌曲 吉他 钢琴 课程 考试 学生 老师
    学校 图书馆 文章 论文 实验 训练 准确率 梯度 机器学习 深度学习 代码 函数 接口 框架 算法
    时间 工作 猫 狗 鸟 树 花 河 山 海 路 车 火车 医生 健康 睡眠 运动 早餐 午饭 晚饭 厨房 面包`),
  adjectives: words(
    `快 慢 简单 复杂 可靠 重要 稳定 高效 清楚 安全 便宜 贵 新 旧 好 难 容易 有用 常见 奇怪`
  ),
  verbs: [
    '可以提高',
    '需要处理',
    '取决于',
    '会影响',
    '正在优化',
    '使用了',
    '返回',
    '读取',
    '写入',
    '比较',
    '解释了',
    '支持',
    '替换了',
    '依赖',
    '改善了',
    '记录了',
    '检查',
    '更新了',
    '喜欢'
  ],
  openers: [
    '',
    '',
    '',
    '首先，',
    '另外，',
    '一般来说，',
    '例如，',
    '总之，',
    '如果你愿意，',
    '实际上，',
    '需要注意的是，',
    '其次，'
  ],
  subjects: [
    '我们',
    '你',
    '这个{n}',
    '{t}的{n}',
    '用户',
    '系统',
    '团队',
    '它',
    '我的{n}',
    '很多{n}',
    '新的{n}',
    '用{t}的人'
  ],
  objects: [
    '{a}的{n}',
    '{n}和{n}',
    '{t}{n}',
    '整个{n}',
    '这些{n}',
    '{n}的{n}',
    '{t}',
    '性能优化',
    '机器学习',
    '{n}',
    '用{t}写的{n}',
    '{t} {n}'
  ],
  endings: [
    '。',
    '。',
    '。',
    '？',
    '！',
    '，这样更{a}。',
    '，尤其是在{p}。',
    '，但是{n}还是很{a}。',
    '，然后再看{n}。'
  ],
  places: ['北京', '上海', '深圳', '杭州', '成都', '东京', '首尔', '巴黎', '伦敦', '纽约'],
  extras: [
    '谢谢！',
    '明白了。',
    '能再解释一下吗？',
    '我试试看。',
    '好的，没问题。',
    '这个猫很可爱。'
  ]
}

const CJK_EXTRAS = [
  'コーヒーが好きです。',
  'ありがとうございます。',
  'データベースの設計について教えてください。',
  '東京の天気はどうですか。',
  '안녕하세요.',
  '감사합니다.',
  '데이터베이스 성능을 개선하고 싶어요.',
  '한국어로 설명해 주세요.',
  'コーヒーとケーキを注文しました。',
  '서울에서 커피를 마셨어요.',
  'プログラミングは楽しいです。',
  '모델 학습에 시간이 걸려요.',
  'この関数はデータを返します。'
]

const IDENTIFIERS = words(`
  useState useEffect fetchData train_model parse_config loadUser saveMessage handleClick
  renderList buildIndex run_query open_database get_user_by_id createServer compute_loss`)

const CODE = [
  'const [value, setValue] = {id}(0)',
  'npm install react react-dom',
  'pip install numpy pandas',
  'SELECT id, title FROM conversations WHERE updated_at > ? ORDER BY updated_at DESC LIMIT 50;',
  'def {id}(data, epochs=10):\n    for epoch in range(epochs):\n        loss = step(data)\n    return loss',
  'async function {id}(url) {\n  const response = await fetch(url)\n  return response.json()\n}',
  'git commit -m "fix: {id} handles empty input"',
  'docker run -p 8080:80 nginx:latest',
  'for (let i = 0; i < items.length; i++) console.log(items[i])',
  'CREATE INDEX idx_user_email ON users (email);',
  'export default function {id}() { return null }',
  'kubectl get pods -n production',
  'fn {id}(input: &str) -> Result<String, Error> { Ok(input.to_string()) }'
]

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

const MODELS = [
  'doubao-seed-2.0-pro',
  'doubao-seed-2.0-code',
  'doubao-seed-2.0-lite',
  'doubao-seed-1-6-251015',
  'doubao-seed-1-8-251228',
  'glm-4-7-251222'
]

// better-sqlite3 frees a statement only once the event loop turns after it is collected, and the
// history module prepares one per call: a long synchronous loop would hold every one of them.
const turnEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Builds the corpus through the app's history module: the same statements and triggers. */
async function buildCorpus(db: HistoryDatabase, total: number, seed: number): Promise<void> {
  const random = new Random(seed)
  const writer = new Writer(random)
  let clock = Date.UTC(2024, 0, 1)
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
    const model = random.pick(MODELS)
    db.transaction(() => {
      clock += random.int(60_000, 6 * 3600_000)
      const firstQuestion = writer.text(language, random.int(1, 3), false)
      const conversation = conversations.createConversation(db, {
        title: firstQuestion.replace(/\s+/g, ' ').slice(0, language === 'en' ? 40 : 16),
        model,
        now: clock
      })
      for (let k = 0; k < size; k++) {
        clock += random.int(2_000, 120_000)
        if (k % 2 === 0) {
          const long = random.chance(0.05)
          messages.insertMessage(db, {
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
          continue
        }
        // A reply: inserted empty, streamed in by appends (reasoning first), then finished.
        const reply = messages.insertMessage(db, {
          conversationId: conversation.id,
          role: 'assistant',
          content: '',
          status: 'streaming',
          model,
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

// ---------------------------------------------------------------------------------------------
// The plain scan: the semantics of docs/search.md on folded text, with regular expressions.

const CJK_CLASS = '\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Hangul}'
// In folded text a character is a space, a CJK character or a word character.
const NOT_WORD_BEFORE = `(?<![^ ${CJK_CLASS}])`
const NOT_WORD_AFTER = `(?![^ ${CJK_CLASS}])`
const IS_WORD = new RegExp(`^[^ ${CJK_CLASS}]$`, 'u')

interface ScanTerm {
  literal: string
  pattern: RegExp
}

function scanTerm(term: SearchTerm): ScanTerm {
  const chars = [...term.folded]
  const escaped = term.folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const start = IS_WORD.test(chars[0]) ? NOT_WORD_BEFORE : '' // a word matches from a word's start
  const end = term.quoted && IS_WORD.test(chars.at(-1)!) ? NOT_WORD_AFTER : '' // quoted: whole word
  return { literal: term.folded, pattern: new RegExp(start + escaped + end, 'u') }
}

const scanHas = (folded: string, term: ScanTerm) =>
  folded.includes(term.literal) && term.pattern.test(folded)

interface ScanResult {
  ids: Set<number>[]
  readMs: number
  foldMs: number
  testMs: number[]
}

/** One pass over every message: read, fold, and test every query; each step timed. */
function scan(db: HistoryDatabase, queries: string[]): ScanResult {
  const terms = queries.map((query) => parseQuery(query).map(scanTerm))
  const result: ScanResult = {
    ids: queries.map(() => new Set()),
    readMs: 0,
    foldMs: 0,
    testMs: queries.map(() => 0)
  }
  const read = db.prepare<[number, number], { id: number; content: string; reasoning: string }>(
    'SELECT id, content, reasoning FROM messages WHERE id > ? ORDER BY id LIMIT ?'
  )
  let after = 0
  let done = 0
  let lastLog = performance.now()
  for (;;) {
    let t = performance.now()
    const rows = read.all(after, 20_000)
    result.readMs += performance.now() - t
    if (!rows.length) break
    after = rows.at(-1)!.id
    t = performance.now()
    const folded = rows.map((row) => [foldText(row.content), foldText(row.reasoning)] as const)
    result.foldMs += performance.now() - t
    for (let q = 0; q < queries.length; q++) {
      const queryTerms = terms[q]
      if (!queryTerms.length) continue
      const hits = result.ids[q]
      t = performance.now()
      for (let i = 0; i < rows.length; i++) {
        const [content, reasoning] = folded[i]
        if (queryTerms.every((term) => scanHas(content, term) || scanHas(reasoning, term)))
          hits.add(rows[i].id)
      }
      result.testMs[q] += performance.now() - t
    }
    done += rows.length
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now()
      log(`  scanned ${done.toLocaleString('en')} messages`)
    }
  }
  return result
}

// ---------------------------------------------------------------------------------------------

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const queries = args.queries
    ? readFileSync(args.queries, 'utf8')
        .split(/\r?\n/)
        .filter((line) => line.trim())
    : DEFAULT_QUERIES

  const dir = resolve('.bench')
  mkdirSync(dir, { recursive: true })
  const base = join(dir, `search-${args.messages}-s${args.seed}-v${CORPUS_VERSION}`)
  const file = `${base}.sqlite`
  const metaFile = `${base}.json`
  let buildSeconds: number
  if (!args.rebuild && existsSync(file) && existsSync(metaFile)) {
    buildSeconds = (JSON.parse(readFileSync(metaFile, 'utf8')) as { buildSeconds: number })
      .buildSeconds
    log(`reusing ${file} (built in ${buildSeconds} s)`)
  } else {
    const partial = `${base}.building.sqlite`
    for (const stale of [partial, `${partial}-wal`, `${partial}-shm`])
      rmSync(stale, { force: true })
    log(`building ${args.messages.toLocaleString('en')} messages into ${file}`)
    const started = performance.now()
    const db = openDatabase(partial)
    await buildCorpus(db, args.messages, args.seed)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    buildSeconds = round((performance.now() - started) / 1000, 1)
    renameSync(partial, file)
    writeFileSync(
      metaFile,
      JSON.stringify({ buildSeconds, messages: args.messages, seed: args.seed })
    )
    log(`built in ${buildSeconds} s`)
  }

  const db = openDatabase(file)
  const messageCount = db.prepare('SELECT count(*) FROM messages').pluck().get() as number
  const dbBytes = statSync(file).size

  log(`scanning ${messageCount.toLocaleString('en')} messages for ${queries.length} queries`)
  const plain = scan(db, queries)
  log(
    `  scan: read ${Math.round(plain.readMs)} ms, fold ${Math.round(plain.foldMs)} ms (shared by every query)`
  )

  const report = []
  for (const [index, q] of queries.entries()) {
    await turnEventLoop()
    // Warm up, then time the first page with snippets.
    searchMessages(db, { query: q })
    const times: number[] = []
    for (let run = 0; run < args.runs; run++) {
      const t = performance.now()
      searchMessages(db, { query: q })
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    const found = new Set(searchAllMessageIds(db, q))
    const expected = plain.ids[index]
    let common = 0
    for (const id of found) if (expected.has(id)) common++
    const scanMs = plain.readMs + plain.foldMs + plain.testMs[index]
    const entry = {
      q,
      hits: found.size,
      scanHits: expected.size,
      recall: expected.size ? common / expected.size : found.size ? 0 : 1,
      precision: found.size ? common / found.size : 1,
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      scanMs: round(scanMs, 0)
    }
    log(
      `  ${JSON.stringify(q).padEnd(20)} hits ${String(entry.hits).padStart(7)} scan ${String(entry.scanHits).padStart(7)}` +
        `  p50 ${entry.p50Ms} ms  p95 ${entry.p95Ms} ms`
    )
    report.push(entry)
  }
  db.close()

  const summary = {
    messages: messageCount,
    dbBytes,
    buildSeconds,
    p95Ms: Math.max(...report.map((entry) => entry.p95Ms)),
    minSpeedup: round(
      Math.min(...report.map((entry) => entry.scanMs / Math.max(entry.p95Ms, 0.01))),
      1
    ),
    minRecall: Math.min(...report.map((entry) => entry.recall)),
    minPrecision: Math.min(...report.map((entry) => entry.precision)),
    queries: report
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
  )
  process.exitCode = 1
})
