// Find in a chat, main's half: how many times a query occurs in each message of a conversation's
// current branch, loaded or not in the window (the renderer marks the ones it shows:
// renderer/src/components/find). The branch's folded texts are kept for the last conversations
// asked about, and the answers for their last queries, so typing and stepping cost a lookup.
import { countFolded, type FindResult, foldQuery } from '../../shared/find'
import { foldText } from '../../shared/textFold'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'

/** A branch's messages with their folded text, and the answers already given over it. */
interface FoldedBranch {
  /** Changes whenever the branch or its last message's text does (ids are never reused). */
  signature: string
  messages: Array<{ id: number; folded: string }>
  answers: Map<string, FindResult>
}

// Conversations whose folded branch is kept, and answers kept per branch (least recent dropped).
const BRANCHES_KEPT = 2
const ANSWERS_KEPT = 16

/** Answers find requests over one database, with its cache. */
export function createFinder(db: HistoryDatabase) {
  const branches = new Map<number, FoldedBranch>()

  function branchOf(conversationId: number): FoldedBranch {
    // The leaf and the length of its text: a new message, another branch, a deletion or a reply
    // still streaming in all change it; the messages above the leaf never change.
    const leaf = prepared<[number], { id: number; length: number }>(
      db,
      `SELECT m.id AS id, length(m.content) AS length FROM conversations c
       JOIN messages m ON m.id = c.current_leaf_id WHERE c.id = ?`
    ).get(conversationId)
    const signature = leaf ? `${leaf.id}:${leaf.length}` : ''
    const kept = branches.get(conversationId)
    if (kept && kept.signature === signature) {
      branches.delete(conversationId)
      branches.set(conversationId, kept)
      return kept
    }
    const rows = leaf
      ? prepared<[number, number], { id: number; content: string }>(
          db,
          `WITH RECURSIVE up(id) AS (
             SELECT ? UNION ALL
             SELECT m.parent_id FROM messages m JOIN up ON m.id = up.id WHERE m.parent_id IS NOT NULL
           )
           SELECT messages.id, messages.content FROM up CROSS JOIN messages ON messages.id = up.id
           WHERE messages.conversation_id = ? ORDER BY messages.id`
        ).all(leaf.id, conversationId)
      : []
    const branch: FoldedBranch = {
      signature,
      messages: rows.map((row) => ({ id: row.id, folded: foldText(row.content) })),
      answers: new Map()
    }
    branches.delete(conversationId)
    branches.set(conversationId, branch)
    while (branches.size > BRANCHES_KEPT) branches.delete(branches.keys().next().value!)
    return branch
  }

  return {
    /** The matches of `query` in the conversation's current branch, per message, oldest first. */
    find(conversationId: number, query: string): FindResult {
      const needle = foldQuery(query)
      // Nothing to find (the bar just opened): the branch is folded now, before the first key.
      const branch = branchOf(conversationId)
      if (!needle) return { query, total: 0, hits: [] }
      const kept = branch.answers.get(needle)
      if (kept) return { ...kept, query }
      const hits: FindResult['hits'] = []
      let total = 0
      for (const message of branch.messages) {
        const count = countFolded(message.folded, needle)
        if (count === 0) continue
        hits.push({ messageId: message.id, count })
        total += count
      }
      const answer = { query, total, hits }
      branch.answers.set(needle, answer)
      while (branch.answers.size > ANSWERS_KEPT)
        branch.answers.delete(branch.answers.keys().next().value!)
      return answer
    }
  }
}
