// The presets that ship with the app, in both languages. They are not stored: the user's own
// presets live in Settings (`presets`); these ids start with `builtin:` so the two never collide.
import type { Preset } from './params'
import type { UiLanguage } from './settings'

/** The prefix of every built-in preset's id. */
export const BUILTIN_PRESET_PREFIX = 'builtin:'

interface BuiltinPreset {
  id: string
  name: Record<UiLanguage, string>
  /** null = keep the model the new chat has. */
  model: string | null
  systemPrompt: Record<UiLanguage, string> | null
  params: Omit<Preset['params'], 'systemPrompt'>
}

const BUILTIN: readonly BuiltinPreset[] = [
  {
    id: 'translate-zh-en',
    name: { en: 'Translate Chinese ⇄ English', 'zh-CN': '中英互译' },
    model: null,
    systemPrompt: {
      en: 'You are a translator. When the user writes Chinese, translate it into natural English; when the user writes English (or any other language), translate it into natural Simplified Chinese. Keep the meaning, tone, formatting and Markdown. Reply with the translation only, no explanations.',
      'zh-CN':
        '你是一名翻译。用户输入中文时，把它译成自然的英文；用户输入英文（或其他语言）时，把它译成自然的简体中文。保留原意、语气、格式和 Markdown。只回复译文，不要解释。'
    },
    params: { temperature: 0.3, thinking: 'disabled' }
  },
  {
    id: 'code-reviewer',
    name: { en: 'Code reviewer', 'zh-CN': '代码审查' },
    model: null,
    systemPrompt: {
      en: 'You are a careful senior engineer reviewing code. Point out bugs, security problems, unclear names and missing tests first, most serious first, each with the line it concerns and a concrete fix. Mention style only when it hides a problem. Be direct and brief.',
      'zh-CN':
        '你是一位严谨的资深工程师，负责审查代码。先指出缺陷、安全问题、含糊的命名和缺失的测试，按严重程度从高到低排列，每条注明相关的代码行并给出具体的修改建议。只有当代码风格掩盖了问题时才提及风格。直接、简洁。'
    },
    params: { temperature: 0.2 }
  },
  {
    id: 'concise',
    name: { en: 'Concise answers', 'zh-CN': '简洁回答' },
    model: null,
    systemPrompt: {
      en: 'Answer in as few words as the question allows: the answer first, then at most three short sentences or bullet points if they are needed. No preamble, no summary at the end.',
      'zh-CN':
        '用问题所允许的最少文字回答：先给出答案，必要时再补充最多三句短句或三个要点。不要开场白，也不要结尾总结。'
    },
    params: { thinking: 'disabled', reasoningEffort: 'minimal' }
  },
  {
    id: 'deep-thinking',
    name: { en: 'Deep thinking', 'zh-CN': '深度思考' },
    model: null,
    systemPrompt: null,
    params: { thinking: 'enabled', reasoningEffort: 'high' }
  }
]

/** The presets that ship with the app, named and worded in the given language. */
export function builtinPresets(language: UiLanguage): Preset[] {
  return BUILTIN.map((preset) => ({
    id: `${BUILTIN_PRESET_PREFIX}${preset.id}`,
    name: preset.name[language],
    model: preset.model,
    params: {
      ...(preset.systemPrompt ? { systemPrompt: preset.systemPrompt[language] } : {}),
      ...preset.params
    }
  }))
}

/** Whether a preset ships with the app (and so cannot be edited or deleted). */
export function isBuiltinPreset(id: string): boolean {
  return id.startsWith(BUILTIN_PRESET_PREFIX)
}
