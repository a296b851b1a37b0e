// The presets that ship with the app, in the UI language. They are not stored: settings hold only
// the user's own presets, so a new version can improve these.
import type { Preset } from './params'

/** The built-in presets, named and written in `language`. */
export function builtinPresets(language: 'en' | 'zh-CN'): Preset[] {
  const zh = language === 'zh-CN'
  return [
    {
      id: 'builtin:translate',
      name: zh ? '中英互译' : 'Translate (Chinese ⇄ English)',
      model: null,
      params: {
        systemPrompt: zh
          ? '你是翻译。用户写中文时译成英文，写其他语言时译成中文。只输出译文，保留原文的格式与语气。'
          : 'You are a translator. When the user writes Chinese, translate it into English; otherwise translate it into Chinese. Output only the translation, keeping the formatting and tone.',
        temperature: 0.3,
        thinking: 'disabled'
      }
    },
    {
      id: 'builtin:code-review',
      name: zh ? '代码审查' : 'Code reviewer',
      model: null,
      params: {
        systemPrompt: zh
          ? '你是严谨的代码审查者。指出缺陷、安全问题和可读性问题，按严重程度排列，并给出修改后的代码。'
          : 'You are a careful code reviewer. Point out bugs, security problems and readability issues, most serious first, and show the corrected code.',
        temperature: 0.2
      }
    },
    {
      id: 'builtin:concise',
      name: zh ? '简洁回答' : 'Concise answers',
      model: null,
      params: {
        systemPrompt: zh ? '回答简短直接，不超过三句话，除非用户要求详细说明。' : 'Answer briefly and directly, in at most three sentences unless asked for detail.',
        maxTokens: 512,
        thinking: 'disabled'
      }
    },
    {
      id: 'builtin:deep-thinking',
      name: zh ? '深度思考' : 'Deep thinking',
      model: null,
      params: { thinking: 'enabled', reasoningEffort: 'high' }
    }
  ]
}
