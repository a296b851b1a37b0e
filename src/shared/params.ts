// The request parameters a conversation can set (docs/api.md, "Request parameters"). A field that
// is absent is "Default": it is not sent at all, and the server's own default applies.
import { z } from 'zod'
import { MAX_MAX_TOKENS, MAX_STOP_SEQUENCES, REASONING_EFFORTS, THINKING_MODES } from './paramRules'

export {
  paramIssues,
  REASONING_EFFORTS,
  type ReasoningEffort,
  type ThinkingMode
} from './paramRules'

/** Every parameter, each optional: absent = not sent. */
export const chatParamsSchema = z
  .object({
    /** Sent as a `system` message before the conversation. */
    systemPrompt: z.string().trim().min(1, 'the system prompt is empty').max(100_000).optional(),
    temperature: z
      .number()
      .min(0, 'temperature is 0 to 2')
      .max(2, 'temperature is 0 to 2')
      .optional(),
    topP: z.number().min(0, 'top_p is 0 to 1').max(1, 'top_p is 0 to 1').optional(),
    maxTokens: z
      .number()
      .int('max_tokens is a whole number')
      .min(1, 'max_tokens is at least 1')
      .max(MAX_MAX_TOKENS, `max_tokens is at most ${MAX_MAX_TOKENS}`)
      .optional(),
    stop: z
      .array(z.string().min(1, 'a stop sequence is empty').max(1000))
      .min(1)
      .max(MAX_STOP_SEQUENCES, `at most ${MAX_STOP_SEQUENCES} stop sequences`)
      .optional(),
    thinking: z.enum(THINKING_MODES).optional(),
    reasoningEffort: z.enum(REASONING_EFFORTS).optional(),
    /** How much history goes with a request: the last N turns (a question and its answer); absent = all. */
    historyTurns: z.number().int().min(1).max(10_000).optional()
  })
  .strict()

export type ChatParams = z.output<typeof chatParamsSchema>
export type ChatParamName = keyof ChatParams

/** The request body's fields for these parameters, as the API names them; absent ones are left out. */
export function requestFields(params: ChatParams): Record<string, unknown> {
  return {
    ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
    ...(params.topP !== undefined ? { top_p: params.topP } : {}),
    ...(params.maxTokens !== undefined ? { max_tokens: params.maxTokens } : {}),
    ...(params.stop !== undefined ? { stop: params.stop } : {}),
    ...(params.thinking !== undefined ? { thinking: { type: params.thinking } } : {}),
    ...(params.reasoningEffort !== undefined ? { reasoning_effort: params.reasoningEffort } : {})
  }
}

/** A named model + system prompt + parameters a new chat can start from. */
export const presetSchema = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().trim().min(1, 'the name is empty').max(100),
    /** null = keep the model the new chat has. */
    model: z.string().min(1).max(200).nullable(),
    params: chatParamsSchema
  })
  .strict()
export type Preset = z.output<typeof presetSchema>
