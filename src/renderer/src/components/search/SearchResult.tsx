import { useTranslation } from 'react-i18next'
import { modelDisplayName } from '../../../../shared/models'
import type { SearchHit, SnippetPart } from '../../../../shared/search'
import { useFormatDate } from '../../lib/date'
import { readableSnippet, snippetRuns } from '../../lib/historyView'
import { Thumbnail } from '../../ui/Thumbnail'

/**
 * One hit: who wrote it (or Thinking / Attachment / Text in image / Title), when, and the snippet
 * with its marks; a hit inside an image's text shows that image's thumbnail beside its words.
 */
export function SearchResult({
  id,
  hit,
  selected,
  onPoint,
  onOpen
}: {
  id: string
  hit: SearchHit
  selected: boolean
  onPoint: () => void
  onOpen: () => void
}) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const kind =
    hit.field === 'title'
      ? 'title'
      : hit.field === 'reasoning'
        ? 'reasoning'
        : hit.field === 'attachment'
          ? 'attachment'
          : hit.field === 'image' || hit.field === 'document'
            ? hit.field
            : hit.role === 'user'
              ? 'you'
              : 'assistant'
  // An answer and its thinking are Markdown, shown rendered: their snippets drop the syntax. Math in
  // a message shows as its source in code style. A title and a file name are as typed.
  const markdown =
    hit.field === 'reasoning' || (hit.field === 'content' && hit.role === 'assistant')
  const snippet = markdown ? readableSnippet(hit.snippet) : hit.snippet
  const runs =
    hit.field === 'title' ||
    hit.field === 'attachment' ||
    hit.field === 'image' ||
    hit.field === 'document'
      ? [{ code: false, parts: snippet }]
      : snippetRuns(snippet)
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the search box; the option is reached by aria-activedescendant
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard works through the search box (arrows, Enter)
    <div
      id={id}
      role="option"
      aria-selected={selected}
      className="search-hit"
      onMouseMove={selected ? undefined : onPoint}
      // mousedown would move the focus out of the search box first.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onOpen}
    >
      <div className="search-hit-meta">
        <span className={`search-hit-kind search-hit-kind-${kind}`}>
          {t(`search.kind.${kind}`)}
        </span>
        <time dateTime={new Date(hit.createdAt).toISOString()}>{formatDate(hit.createdAt)}</time>
        <span className="search-hit-model" title={hit.model}>
          {modelDisplayName(hit.model)}
        </span>
      </div>
      {(hit.field === 'image' || hit.field === 'document') && hit.image ? (
        <div className="search-hit-image">
          {hit.image.thumbnailUrl ? (
            <Thumbnail
              url={hit.image.thumbnailUrl}
              name={hit.image.name}
              kind={hit.field === 'document' ? 'document' : 'image'}
              className="search-hit-thumb"
            />
          ) : null}
          <p className="search-hit-snippet">
            <SnippetText parts={snippet} />
          </p>
        </div>
      ) : (
        <p className="search-hit-snippet">
          {runs.map((run, index) =>
            run.code ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: runs of one snippet, in order, never reordered
              <code key={index} className="search-hit-code">
                <SnippetText parts={run.parts} />
              </code>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: runs of one snippet, in order, never reordered
              <SnippetText key={index} parts={run.parts} />
            )
          )}
        </p>
      )}
    </div>
  )
}

/** Snippet text with its matches marked. */
function SnippetText({ parts }: { parts: readonly SnippetPart[] }) {
  return parts.map((part, index) =>
    part.match ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one snippet, in order, never reordered
      <mark key={index} className="search-mark">
        {part.text}
      </mark>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one snippet, in order, never reordered
      <span key={index}>{part.text}</span>
    )
  )
}
