import { useTranslation } from 'react-i18next'
import type { ChatParams } from '../../../../shared/params'
import { paramChips } from '../../lib/paramsForm'
import { chipText } from './ParamChips'
import './ParamChips.css'

/**
 * The parameters a reply was requested with, behind a small info icon in its footer: the words
 * show on hover (its title) and to screen readers (its name). Nothing for a reply made with every
 * parameter at its default, or an older reply that did not record them.
 */
export function ReplyParams({ params }: { params: ChatParams | null }) {
  const { t } = useTranslation()
  if (!params) return null
  const chips = paramChips(params)
  if (chips.length === 0) return null
  const text = t('params.replyParams', {
    list: chips.map((chip) => chipText(chip, t)).join(t('models.listSeparator'))
  })
  const full = params.systemPrompt
    ? `${text}\n${t('params.systemPrompt')}: ${params.systemPrompt}`
    : text
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users reach the parameters' tooltip the way pointer users hover it
    <span className="reply-params" role="img" aria-label={text} title={full} tabIndex={0}>
      <span aria-hidden="true" className="icon-info" />
    </span>
  )
}
