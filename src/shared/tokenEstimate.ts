// A rough count of a text's tokens where the server gave none: one token per CJK character (Han,
// kana, Hangul, CJK punctuation), plus one per four other characters, rounded up.

// The CJK ranges (all in the Basic Multilingual Plane): CJK punctuation, kana, Han (extension A,
// unified, compatibility), Hangul syllables, full-width forms.
const isCjk = (code: number): boolean =>
  code >= 0x3000 &&
  (code <= 0x30ff ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef))

const BEYOND_LATIN = /[\u3000-\uffff]/

/**
 * Estimated tokens of a text. One pass over its UTF-16 units, with no arrays: a document's
 * text of millions of characters is counted on the main thread (at attach and in the
 * composer) without holding it.
 */
export function estimateTextTokens(text: string): number {
  // Nothing from U+3000 up (no CJK, no surrogates): a quarter of its length. A regular expression
  // tells so several times faster than the loop below (an answer of 9 MB is counted when opened).
  if (!BEYOND_LATIN.test(text)) return Math.ceil(text.length / 4)
  let cjk = 0
  let characters = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    characters++
    // A surrogate pair is one character (outside the CJK ranges).
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++
        continue
      }
    }
    if (isCjk(code)) cjk++
  }
  return cjk + Math.ceil((characters - cjk) / 4)
}
