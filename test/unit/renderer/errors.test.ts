// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { describeError } from '../../../src/renderer/src/lib/errorText'
import { i18n } from '../../../src/renderer/src/i18n'

afterEach(async () => {
  await i18n.changeLanguage('en')
})

const portal = {
  code: 'not_api_response',
  message: 'HTTP 200, text/html; charset=utf-8: “Welcome to Airport Free Wi-Fi”',
  status: 200,
  reason: 'html',
  params: { status: 200, contentType: 'text/html; charset=utf-8' }
} as const

describe('describeError for broken and hostile servers', () => {
  it('a stall names the limit as configured, in both languages, not rounded', async () => {
    const error = {
      code: 'stalled',
      message: 'No data arrived for 1.5 seconds.',
      params: { seconds: 1.5 }
    } as const
    await i18n.changeLanguage('en')
    expect(describeError(error, i18n.t)).toEqual({
      text: 'The server sent nothing for 1.5 seconds.',
      detail: null,
      canRetry: true,
      opensSettings: false
    })
    expect(describeError({ ...error, params: { seconds: 1 } }, i18n.t).text).toBe(
      'The server sent nothing for 1 second.'
    )
    await i18n.changeLanguage('zh-CN')
    expect(describeError(error, i18n.t).text).toBe('服务器 1.5 秒内没有发送任何数据。')
  })

  it('an account problem says to top up or check the account, with the server message, and offers Retry', async () => {
    await i18n.changeLanguage('en')
    const error = {
      code: 'account_problem',
      message: 'Your account is overdue. (AccountOverdueError)',
      status: 403
    } as const
    expect(describeError(error, i18n.t)).toEqual({
      text: 'Your account with the provider cannot be used: the balance is unpaid, the credit is used up or access is denied. Top up or check the account in the provider’s console, then retry.',
      detail: 'Your account is overdue. (AccountOverdueError)',
      canRetry: true,
      opensSettings: false
    })
    await i18n.changeLanguage('zh-CN')
    expect(describeError(error, i18n.t).text).toBe(
      '服务商账户无法使用：欠费、额度已用完或访问被拒绝。请在服务商控制台充值或检查账户后重试。'
    )
  })

  it('a web page instead of the API says a login page or proxy answered, with status and content type in the detail', async () => {
    await i18n.changeLanguage('en')
    expect(describeError(portal, i18n.t)).toEqual({
      text: 'A login page or proxy answered instead of the API. Sign in to the network (open any web page in a browser), or check the base URL, then retry.',
      detail: portal.message,
      canRetry: true,
      opensSettings: true
    })
    await i18n.changeLanguage('zh-CN')
    expect(describeError(portal, i18n.t).text).toBe(
      '应答的是登录页面或代理，而不是 API。请先登录当前网络（在浏览器中打开任意网页），或检查基础 URL，然后重试。'
    )
  })

  it('anything else that is not the API names what came back', async () => {
    await i18n.changeLanguage('en')
    const error = {
      ...portal,
      reason: 'other',
      params: { status: 200, contentType: 'application/json' },
      message: 'HTTP 200, application/json: {}'
    }
    expect(describeError(error, i18n.t).text).toBe(
      'The server did not answer like the Chat Completions API (it sent application/json). Check the base URL.'
    )
    await i18n.changeLanguage('zh-CN')
    expect(describeError(error, i18n.t).text).toBe(
      '服务器的应答不像 Chat Completions API（它发送的是 application/json）。请检查基础 URL。'
    )
  })
})

describe('describeError for parameters', () => {
  it('a parameter the model does not take says which, in both languages, with no Retry', async () => {
    await i18n.changeLanguage('en')
    const error = {
      code: 'unsupported_param',
      message: 'glm-4-7-251222 does not take a reasoning effort.',
      reason: 'effort_not_supported',
      params: { field: 'reasoningEffort', model: 'glm-4-7-251222' }
    } as const
    expect(describeError(error, i18n.t)).toEqual({
      text: 'This model does not take a reasoning effort. Set Reasoning effort to Default or pick another model. Nothing was sent.',
      detail: null,
      canRetry: false,
      opensSettings: false
    })
    await i18n.changeLanguage('zh-CN')
    expect(describeError(error, i18n.t).text).toBe(
      '此模型不支持推理强度。请将“推理强度”设为默认，或换一个模型。未发送任何内容。'
    )
    await i18n.changeLanguage('en')
    expect(describeError({ ...error, reason: 'something_newer' }, i18n.t).text).toBe(
      'This model does not take one of the parameters (reasoningEffort). Nothing was sent.'
    )
  })

  it('a request longer than the context says to send less history', async () => {
    await i18n.changeLanguage('en')
    const error = {
      code: 'context_too_long',
      message: 'Too long. (OutofContextError)',
      status: 400
    } as const
    expect(describeError(error, i18n.t)).toEqual({
      text: 'The conversation is longer than the model can read at once. Send only the last few turns of history, or start a new chat.',
      detail: 'Too long. (OutofContextError)',
      canRetry: false,
      opensSettings: false
    })
    await i18n.changeLanguage('zh-CN')
    expect(describeError(error, i18n.t).text).toBe(
      '对话长度超出了模型一次能读取的上下文。请只发送最近几轮历史，或开始新对话。'
    )
  })
})
