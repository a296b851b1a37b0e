// i18next set up for the two UI languages; the language follows settings.language.
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { resolveUiLanguage, type Language } from '../../shared/settingDefaults'
import en from './locales/en.json'
import zhCN from './locales/zh-CN.json'

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: resolveUiLanguage('system', navigator.language),
  fallbackLng: 'en',
  // React escapes what it renders; escaping here too would show entities.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false
})

/** Switches the UI to the language a setting names. */
export function applyLanguage(language: Language): void {
  const uiLanguage = resolveUiLanguage(language, navigator.language)
  if (i18n.language !== uiLanguage) void i18n.changeLanguage(uiLanguage)
  document.documentElement.lang = uiLanguage
}

export { i18n }
