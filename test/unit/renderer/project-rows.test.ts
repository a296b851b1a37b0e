// The sidebar's project rows: the header, each project in order, and an expanded one's chats
// (only its own), each chat numbered within its project.
import { describe, expect, it } from 'vitest'
import { projectRows } from '../../../src/renderer/src/lib/projectRows'
import type { Project } from '../../../src/shared/projects'
import { makeConversation } from './fake-api'

const project = (id: number, name: string): Project => ({
  id,
  name,
  instructions: '',
  defaultModel: null,
  defaultParams: {},
  conversationCount: 0,
  files: [],
  createdAt: 1,
  updatedAt: 1
})

describe('projectRows', () => {
  it('lists projects after their header, and the chats of expanded ones under them', () => {
    const chats = [
      makeConversation({ id: 1, title: 'a1', projectId: 10 }),
      makeConversation({ id: 2, title: 'outside', projectId: null }),
      makeConversation({ id: 3, title: 'b1', projectId: 20 }),
      makeConversation({ id: 4, title: 'a2', projectId: 10 })
    ]
    const rows = projectRows([project(10, 'A'), project(20, 'B')], chats, new Set([10]))
    expect(
      rows.map((row) =>
        row.kind === 'projects-header'
          ? `# ${row.count}`
          : row.kind === 'project'
            ? `${row.project.name} ${row.expanded ? 'open' : 'closed'}`
            : `${row.conversation.title} ${row.index + 1}/${row.total}`
      )
    ).toEqual(['# 2', 'A open', 'a1 1/2', 'a2 2/2', 'B closed'])
  })

  it('is just the header without projects', () => {
    expect(projectRows([], [makeConversation()], new Set())).toEqual([
      { kind: 'projects-header', count: 0 }
    ])
  })
})
