import { splitByTerms } from '../../lib/historyView'

/** Plain text with the search matches in <mark>. */
export function MarkedText({ text, terms }: { text: string; terms: readonly string[] }) {
  if (terms.length === 0) return <>{text}</>
  return (
    <>
      {splitByTerms(text, terms).map((piece, index) =>
        piece.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one text, in order, never reordered
          <mark key={index} className="search-mark">
            {piece.text}
          </mark>
        ) : (
          piece.text
        )
      )}
    </>
  )
}
