import { useTranslation } from 'react-i18next'
import { keyHint } from '../../lib/shortcuts'

/** The keys the search panel answers to, under its results. */
export function SearchKeys() {
  const { t } = useTranslation()
  return (
    <footer className="search-footer" aria-hidden="true">
      <span>
        <kbd>↑</kbd>
        <kbd>↓</kbd> {t('search.keyMove')}
      </span>
      <span>
        <kbd>↵</kbd> {t('search.keyOpen')}
      </span>
      <span>
        <kbd>Esc</kbd> {t('search.keyClose')}
      </span>
      <span className="search-footer-end">
        <kbd>{keyHint('search')}</kbd> {t('search.keyToggle')}
      </span>
    </footer>
  )
}
