// A rough count of a text's tokens where the server gave none: one token per CJK character (Han,
// kana, Hangul, CJK punctuation), plus one per four other characters, rounded up.

const CJK =
  /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/gu

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g

/** Estimated tokens of a text. */
export function estimateTextTokens(text: string): number {
  if (text === '') return 0
  const cjk = text.match(CJK)?.length ?? 0
  // Code points, without making an array of them (an answer may be megabytes).
  const other = text.length - (text.match(SURROGATE_PAIR)?.length ?? 0) - cjk
  return cjk + Math.ceil(other / 4)
}
