// Numbers in the user's language. Making an Intl.NumberFormat costs milliseconds (its locale's
// data is loaded): one per language, kept.
const formats = new Map<string, Intl.NumberFormat>()

/** "1,234" in `language`. */
export function formatNumber(value: number, language: string): string {
  let format = formats.get(language)
  if (!format) {
    format = new Intl.NumberFormat(language)
    formats.set(language, format)
  }
  return format.format(value)
}

/** Makes `language`'s format when the app is next idle; returns how to cancel that. */
export function warmNumberFormat(language: string): () => void {
  if (typeof requestIdleCallback !== 'function') return () => undefined
  const id = requestIdleCallback(() => formatNumber(0, language))
  return () => cancelIdleCallback(id)
}
