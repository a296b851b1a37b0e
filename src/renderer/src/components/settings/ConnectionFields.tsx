import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../ui/TextField'

// The connection's two fields, shared by the setup screen and Settings: the base URL and the API
// key, each taken trimmed, and neither may be blank.

/** Whether a connection field holds something to save or test (blank is never valid). */
export function filled(text: string): boolean {
  return text.trim() !== ''
}

interface ConnectionFieldProps {
  value: string
  onChange: (value: string) => void
  /** Buttons beside the input (see TextField). */
  trailing?: ReactNode
  /** A hint or status under the input. */
  children?: ReactNode
}

/** The API's base URL. */
export function BaseURLField({
  label = 'settings.baseURL',
  value,
  onChange,
  trailing,
  children
}: ConnectionFieldProps & { label?: 'setup.baseURL' | 'settings.baseURL' }) {
  const { t } = useTranslation()
  return (
    <TextField
      label={t(label)}
      type="url"
      value={value}
      spellCheck={false}
      autoComplete="off"
      onChange={(event) => onChange(event.target.value)}
      trailing={trailing}
    >
      {children}
    </TextField>
  )
}

/** The API key, never shown as typed. */
export function KeyField({
  label,
  value,
  onChange,
  trailing,
  autoFocus
}: ConnectionFieldProps & { label: 'setup.apiKey' | 'settings.newKey'; autoFocus?: boolean }) {
  const { t } = useTranslation()
  return (
    <TextField
      label={t(label)}
      type="password"
      value={value}
      spellCheck={false}
      autoComplete="off"
      autoFocus={autoFocus}
      onChange={(event) => onChange(event.target.value)}
      trailing={trailing}
    />
  )
}
