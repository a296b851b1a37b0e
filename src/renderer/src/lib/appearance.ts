import type { FontSize, Theme } from '../../../shared/settingDefaults'

/**
 * Puts the theme and font size settings on <html>: `data-theme` (absent for "system", so the
 * system's choice applies through color-scheme) and `data-font-size` (read by tokens.css).
 */
export function applyAppearance(
  { theme, fontSize }: { theme: Theme; fontSize: FontSize },
  root: HTMLElement = document.documentElement
): void {
  if (theme === 'system') delete root.dataset.theme
  else root.dataset.theme = theme
  if (fontSize === 'default') delete root.dataset.fontSize
  else root.dataset.fontSize = fontSize
}
