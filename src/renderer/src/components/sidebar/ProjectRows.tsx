import { memo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Project } from '../../../../shared/projects'
import { useApp } from '../../store/StoreProvider'
import { IconButton } from '../../ui/IconButton'
import { CONVERSATION_ROW_HEIGHT, GROUP_HEADER_HEIGHT } from './rowHeights'
import './Projects.css'

/** "Projects" and its New project button. */
export const ProjectsHeader = memo(function ProjectsHeader({ start }: { start: number }) {
  const { t } = useTranslation()
  const openEditor = useApp((s) => s.openProjectEditor)
  return (
    <li
      className="projects-header"
      style={{ transform: `translateY(${start}px)`, height: GROUP_HEADER_HEIGHT }}
    >
      <span className="projects-header-label">{t('projects.title')}</span>
      <IconButton
        className="new-project"
        label={t('projects.new')}
        onClick={() => openEditor('new')}
      >
        <span aria-hidden="true" className="icon-plus" />
      </IconButton>
    </li>
  )
})

/**
 * A project: shows or hides its chats; a new chat in it; its settings. A chat dropped on it moves
 * into it; a project dragged onto it goes before or after it (by the upper or lower half; from
 * the keyboard: Move up and Move down in its settings).
 */
export const ProjectRow = memo(function ProjectRow({
  project,
  expanded,
  start
}: {
  project: Project
  expanded: boolean
  start: number
}) {
  const { t } = useTranslation()
  const toggle = useApp((s) => s.toggleProject)
  const newChatIn = useApp((s) => s.newChatInProject)
  const openEditor = useApp((s) => s.openProjectEditor)
  const moving = useApp((s) => s.draggedConversationId)
  const moveConversation = useApp((s) => s.moveConversation)
  const dragged = useApp((s) => s.draggedProjectId)
  const setDragged = useApp((s) => s.setDraggedProject)
  const placeProject = useApp((s) => s.placeProject)
  const [dropAt, setDropAt] = useState<'before' | 'after' | null>(null)
  const reordering = dragged !== null && dragged !== project.id
  return (
    <li
      className="project-row"
      data-project-id={project.id}
      data-drop-at={reordering ? (dropAt ?? undefined) : undefined}
      style={{ transform: `translateY(${start}px)`, height: CONVERSATION_ROW_HEIGHT }}
      onDragOver={(event) => {
        if (moving === null && !reordering) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'move'
        if (!reordering) return
        const box = event.currentTarget.getBoundingClientRect()
        setDropAt(event.clientY < box.top + box.height / 2 ? 'before' : 'after')
      }}
      onDragLeave={() => setDropAt(null)}
      onDrop={(event) => {
        if (moving === null && !reordering) return
        event.preventDefault()
        setDropAt(null)
        if (reordering) {
          const box = event.currentTarget.getBoundingClientRect()
          void placeProject(dragged, project.id, event.clientY >= box.top + box.height / 2)
        } else if (moving !== null) void moveConversation(moving, project.id)
      }}
    >
      <button
        type="button"
        className="project-toggle"
        aria-expanded={expanded}
        onClick={() => void toggle(project.id)}
        draggable
        onDragStart={(event) => {
          event.dataTransfer.effectAllowed = 'move'
          event.dataTransfer.setData('text/plain', project.name)
          setDragged(project.id)
        }}
        onDragEnd={() => setDragged(null)}
      >
        <span aria-hidden="true" className="group-chevron" />
        <span aria-hidden="true" className="icon-folder" />
        <span className="project-name">{project.name}</span>
        <span className="conversation-group-count" aria-hidden="true">
          {project.conversationCount}
        </span>
        <span className="visually-hidden">
          , {t('sidebar.groupCount', { count: project.conversationCount })}
        </span>
      </button>
      <IconButton
        className="project-action"
        label={t('projects.newChatIn', { name: project.name })}
        onClick={() => newChatIn(project.id)}
      >
        <span aria-hidden="true" className="icon-plus" />
      </IconButton>
      <IconButton
        className="project-action"
        label={t('projects.edit', { name: project.name })}
        onClick={() => openEditor(project.id)}
      >
        <span aria-hidden="true" className="icon-gear" />
      </IconButton>
    </li>
  )
})
