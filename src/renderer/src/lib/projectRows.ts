// The sidebar's projects, above the date groups: a "Projects" header, each project, and under an
// expanded one its chats (rows of the same virtual list as the date groups).
import type { Project } from '../../../shared/projects'
import type { Conversation } from '../../../shared/types'

export type ProjectListRow =
  | { kind: 'projects-header'; count: number }
  | { kind: 'project'; project: Project; expanded: boolean }
  | { kind: 'project-chat'; conversation: Conversation; index: number; total: number }

/** The projects' rows; `conversations` holds every loaded chat (those in no project too). */
export function projectRows(
  projects: readonly Project[],
  conversations: readonly Conversation[],
  expanded: ReadonlySet<number>
): ProjectListRow[] {
  const rows: ProjectListRow[] = [{ kind: 'projects-header', count: projects.length }]
  for (const project of projects) {
    const open = expanded.has(project.id)
    rows.push({ kind: 'project', project, expanded: open })
    if (!open) continue
    const chats = conversations.filter((c) => c.projectId === project.id)
    for (const [index, conversation] of chats.entries())
      rows.push({ kind: 'project-chat', conversation, index, total: chats.length })
  }
  return rows
}
