import './MarkdownView.css'
import { useTranslation } from 'react-i18next'
import { PlainText } from './PlainText'

/** The raw text of a message that could not be formatted, with a notice saying so. */
export function PlainFallback({ text }: { text: string }) {
  const { t } = useTranslation()
  return (
    <div className="markdown markdown-fallback">
      <p className="note note-warning">{t('message.unformatted')}</p>
      <PlainText className="markdown-raw" text={text} pre />
    </div>
  )
}
