import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { modelInfoOf } from '../../lib/attachmentRules'
import { formatNumber, warmNumberFormat } from '../../lib/numberFormat'
import { contextLevel, estimatePromptTokens, projectFileTokens } from '../../lib/promptEstimate'
import {
  selectActiveConversation,
  selectActiveMessages,
  selectCurrentModel,
  selectTray
} from '../../store'
import { useApp } from '../../store/StoreProvider'
import './ContextMeter.css'

/**
 * How much of the model's context window the next request would take (lib/promptEstimate.ts has the
 * rules): below half of it a quiet bar and share (not announced), from half a note read out, a
 * warning past 90%. `draftText` is the composer's text.
 */
export function ContextMeter({ draftText }: { draftText: string }) {
  const { t, i18n } = useTranslation()
  const messages = useApp(selectActiveMessages)
  // Its number format is made while the app is idle, not when the first chat opens (ms of ICU).
  useEffect(() => warmNumberFormat(i18n.language), [i18n.language])
  const conversation = useApp(selectActiveConversation)
  const draftParams = useApp((s) => s.draftParams)
  const defaultParams = useApp((s) => s.settings.defaultParams)
  const drafts = useApp(selectTray).drafts
  const models = useApp((s) => s.models)
  const modelId = useApp(selectCurrentModel)
  // The chat's project (a new chat's: the one it starts in) sends its instructions and files.
  const project = useApp((s) => {
    const id = conversation ? conversation.projectId : s.draftProjectId
    return id === null ? undefined : s.projects.find((p) => p.id === id)
  })
  const params = conversation ? conversation.params : (draftParams ?? defaultParams)
  const context = modelInfoOf(models, modelId).context
  const tokens = useMemo(
    () => estimatePromptTokens({ messages, params, draftText, drafts, project }),
    [messages, params, draftText, drafts, project]
  )
  const level = contextLevel(tokens, context)
  const fileTokens = projectFileTokens(project)
  // Nothing to measure yet: an empty new chat outside a project with files shows no meter.
  const empty = messages.length === 0 && draftText.trim() === '' && drafts.length === 0
  if (context <= 0 || (empty && fileTokens === 0)) return null
  const format = (value: number) => formatNumber(value, i18n.language)
  const percent = Math.min(999, Math.round((tokens / context) * 100))
  const values = { tokens: format(tokens), context: format(context), percent }
  const files =
    fileTokens > 0 ? (
      <span className="context-meter-files">
        {t('projects.filesTotal', { tokens: format(fileTokens) })}
      </span>
    ) : null
  if (level === 'quiet') {
    return (
      <div className="context-meter context-meter-quiet" title={t('params.contextNote', values)}>
        <span className="context-meter-bar" aria-hidden="true">
          <span style={{ width: `${Math.max(1, percent)}%` }} />
        </span>
        <span>{t('params.contextQuiet', { percent: Math.max(1, percent) })}</span>
        {files}
      </div>
    )
  }
  return (
    <div className={`context-meter context-meter-${level}`} role="status">
      <span className="context-meter-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, percent)}%` }} />
      </span>
      <span>{t(level === 'warning' ? 'params.contextWarning' : 'params.contextNote', values)}</span>
      {files}
      {level === 'warning' && params.historyTurns === undefined ? (
        <span className="context-meter-hint">{t('params.contextHint')}</span>
      ) : null}
    </div>
  )
}
