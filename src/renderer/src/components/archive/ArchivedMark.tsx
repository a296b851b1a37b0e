import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'
import './Archive.css'

/** "Archived" beside an archived chat's title, with the button that brings it back. */
export function ArchivedMark({ id }: { id: number }) {
  const { t } = useTranslation()
  const setArchived = useApp((s) => s.setConversationArchived)
  return (
    <>
      <span className="archived-badge">{t('archive.badge')}</span>
      <button
        type="button"
        className="button button-quiet archived-unarchive"
        onClick={() => void setArchived(id, false)}
      >
        {t('conversation.unarchive')}
      </button>
    </>
  )
}
