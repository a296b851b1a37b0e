import { useTranslation } from 'react-i18next'
import type { Message } from '../../../../shared/types'
import { useApp } from '../../store/StoreProvider'

/**
 * Under a reply the disk refused to save (full, read-only): "Save again" writes the text main
 * kept in memory, once the disk takes it.
 */
export function SaveAgainOffer({ message }: { message: Message }) {
  const { t } = useTranslation()
  const saveReplyAgain = useApp((s) => s.saveReplyAgain)
  const code = message.error?.code
  if (code !== 'storage_full' && code !== 'storage_unwritable') return null
  return (
    <button
      type="button"
      className="button button-small save-again"
      onClick={() => void saveReplyAgain(message.id)}
    >
      {t('actions.saveAgain')}
    </button>
  )
}
