import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'
import { TextField } from '../../ui/TextField'
import { ConnectionStatus } from './FormNotices'

/**
 * Settings' "Test connection": the saved base URL with the saved key, or an edited base URL with
 * a key typed for it. The saved key never goes to a base URL the window names (the contract
 * refuses a new base URL without its key), so an edited one asks for the key before testing.
 */
export function ConnectionTest({
  baseURL,
  savedBaseURL
}: {
  baseURL: string
  savedBaseURL: string
}) {
  const { t } = useTranslation()
  const testing = useApp((s) => s.connectionTest.state === 'testing')
  const testConnection = useApp((s) => s.testConnection)
  const [key, setKey] = useState('')
  const [keyMissing, setKeyMissing] = useState(false)
  const edited = baseURL !== '' && baseURL !== savedBaseURL

  function test(): void {
    if (!edited) void testConnection({})
    else if (key.trim() === '') setKeyMissing(true)
    else void testConnection({ baseURL, key: key.trim() })
  }

  return (
    <>
      {edited ? (
        <TextField
          label={t('settings.testKey')}
          type="password"
          value={key}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setKey(event.target.value)
            setKeyMissing(false)
          }}
        >
          {keyMissing ? (
            <p role="alert" className="form-error">
              {t('settings.testNeedsKey')}
            </p>
          ) : (
            <p className="field-hint">{t('settings.testKeyHint')}</p>
          )}
        </TextField>
      ) : null}
      <div className="form-actions form-actions-start">
        <button type="button" className="button" disabled={testing} onClick={test}>
          {t('settings.test')}
        </button>
      </div>
      <ConnectionStatus />
    </>
  )
}
