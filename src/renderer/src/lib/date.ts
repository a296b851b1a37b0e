import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

/** A date and time in the UI language (medium date, short time). */
export function useFormatDate(): (ms: number) => string {
  const { i18n } = useTranslation()
  const language = i18n.language
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })
    return (ms: number) => format.format(new Date(ms))
  }, [language])
}
