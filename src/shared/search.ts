import type { SearchGroup, SearchHit } from './contract'

/**
 * Groups search hits by conversation: groups in the order of their newest hit, hits in result
 * order. Pass every page loaded so far; a conversation's hits may arrive on several pages.
 */
export function groupByConversation(results: readonly SearchHit[]): SearchGroup[] {
  const groups = new Map<number, SearchGroup>()
  for (const hit of results) {
    let group = groups.get(hit.conversationId)
    if (!group) {
      group = {
        conversationId: hit.conversationId,
        conversationTitle: hit.conversationTitle,
        results: []
      }
      groups.set(hit.conversationId, group)
    }
    group.results.push(hit)
  }
  return [...groups.values()]
}
