// Projects in the sidebar: the list, which are expanded (their chats loaded), the project a new
// chat starts in, the project editor and the "Move to project" dialog.
import type { AppErrorInfo } from '../../../../shared/errors'
import type { ChatParams } from '../../../../shared/params'
import { MAX_PROJECT_FILES, type Project } from '../../../../shared/projects'
import type { ProjectFields } from '../../../../shared/projectSchemas'
import { localRefusal, MAX_FILE_BYTES } from '../../lib/attachmentRules'
import { placeConversation } from '../../lib/historyView'
import type { SliceArgs } from '../scope'

const PROJECT_CHATS_LIMIT = 500

export interface ProjectsSlice {
  projects: Project[]
  /** Projects whose chats the sidebar shows. */
  expandedProjects: number[]
  /** The project the new chat starts in; null: none. */
  draftProjectId: number | null
  /** The project being edited, 'new' for one being created; null: the editor is closed. */
  editingProject: number | 'new' | null
  /** The conversation the "Move to project" dialog is for. */
  movingConversationId: number | null
  /** The sidebar row being dragged (onto a project, to move it there). */
  draggedConversationId: number | null
  /** The project being dragged (onto another, to put it before or after that one). */
  draggedProjectId: number | null

  loadProjects(): Promise<void>
  /** Shows or hides a project's chats (loading them the first time). */
  toggleProject(id: number): Promise<void>
  /** A new chat in the project: its default model and parameters. */
  newChatInProject(id: number): void
  openProjectEditor(id: number | 'new'): void
  closeProjectEditor(): void
  /** Creates or changes the project being edited; false when refused (the banner says why). */
  saveProject(fields: ProjectFields): Promise<boolean>
  /** Deletes a project; its chats move out of it or are deleted with it. */
  deleteProject(id: number, chats: 'move_out' | 'delete'): Promise<void>
  /** Moves a project one place up (-1) or down (+1) in the sidebar. */
  moveProject(id: number, by: -1 | 1): Promise<void>
  setDraggedProject(id: number | null): void
  /** Puts a project just before or after another one (a project dropped on another). */
  placeProject(id: number, target: number, after: boolean): Promise<void>
  openMoveDialog(conversationId: number): void
  closeMoveDialog(): void
  setDraggedConversation(id: number | null): void
  moveConversation(conversationId: number, projectId: number | null): Promise<void>
  /** A chat was started in the project: it is shown expanded, its count read again. */
  projectChatAdded(projectId: number): void
  /** Adds picked files to a project's files, one by one; returns the refused ones with the reason. */
  addProjectFiles(projectId: number, files: readonly File[]): Promise<ProjectFileRefusal[]>
  removeProjectFile(projectId: number, sha256: string): Promise<void>
}

/** A file a project did not take, and why. */
export interface ProjectFileRefusal {
  name: string
  error: AppErrorInfo
}

/** The projects slice. */
export function createProjectsSlice(args: SliceArgs): ProjectsSlice {
  const { set, get, api } = args
  const loadChats = async (projectId: number) => {
    const result = await api.listConversations({ projectId, limit: PROJECT_CHATS_LIMIT })
    if (!result.ok) return set({ banner: result.error })
    let conversations = get().conversations
    for (const conversation of result.value.conversations)
      conversations = placeConversation(conversations, conversation)
    set({ conversations })
  }
  const reorder = async (ids: number[]) => {
    // Shown in the new order at once; main's order replaces it (or the old one comes back).
    const before = get().projects
    const byId = new Map(before.map((p) => [p.id, p]))
    set({ projects: ids.map((id) => byId.get(id)!) })
    const result = await api.reorderProjects({ ids })
    set(result.ok ? { projects: result.value } : { banner: result.error, projects: before })
  }
  return {
    projects: [],
    expandedProjects: [],
    draftProjectId: null,
    editingProject: null,
    movingConversationId: null,
    draggedConversationId: null,
    draggedProjectId: null,

    async loadProjects() {
      const result = await api.listProjects()
      if (result.ok) set({ projects: result.value })
      else set({ banner: result.error })
    },

    async toggleProject(id) {
      const expanded = get().expandedProjects
      if (expanded.includes(id)) {
        set({ expandedProjects: expanded.filter((other) => other !== id) })
        return
      }
      set({ expandedProjects: [...expanded, id] })
      await loadChats(id)
    },

    newChatInProject(id) {
      const project = get().projects.find((p) => p.id === id)
      if (!project) return
      get().newChat()
      const params: ChatParams | null =
        Object.keys(project.defaultParams).length > 0 ? project.defaultParams : null
      set({
        draftProjectId: id,
        draftParams: params,
        ...(project.defaultModel ? { draftModel: project.defaultModel } : {})
      })
    },

    openProjectEditor(id) {
      set({ editingProject: id })
    },
    closeProjectEditor() {
      set({ editingProject: null })
    },

    async saveProject(fields) {
      const editing = get().editingProject
      if (editing === null) return false
      const result =
        editing === 'new'
          ? await api.createProject({ ...fields, name: fields.name ?? '' })
          : await api.updateProject({ id: editing, ...fields })
      if (!result.ok) {
        set({ banner: result.error })
        return false
      }
      await get().loadProjects()
      set({ editingProject: null })
      return true
    },

    async deleteProject(id, chats) {
      const result = await api.deleteProject({ id, chats })
      if (!result.ok) return set({ banner: result.error })
      const state = get()
      const inProject = (c: { projectId: number | null }) => c.projectId === id
      const openInProject = state.conversations.some(
        (c) => inProject(c) && c.id === state.activeConversationId
      )
      set({
        conversations:
          chats === 'delete'
            ? state.conversations.filter((c) => !inProject(c))
            : state.conversations.map((c) => (inProject(c) ? { ...c, projectId: null } : c)),
        expandedProjects: state.expandedProjects.filter((other) => other !== id),
        editingProject: null,
        draftProjectId: state.draftProjectId === id ? null : state.draftProjectId
      })
      if (chats === 'delete' && openInProject) get().newChat()
      await get().loadProjects()
    },

    async moveProject(id, by) {
      const ids = get().projects.map((p) => p.id)
      const from = ids.indexOf(id)
      const to = from + by
      if (from === -1 || to < 0 || to >= ids.length) return
      ids.splice(from, 1)
      ids.splice(to, 0, id)
      await reorder(ids)
    },

    setDraggedProject(id) {
      set({ draggedProjectId: id })
    },

    async placeProject(id, target, after) {
      set({ draggedProjectId: null })
      const ids = get().projects.map((p) => p.id)
      if (id === target || !ids.includes(id) || !ids.includes(target)) return
      const others = ids.filter((other) => other !== id)
      others.splice(others.indexOf(target) + (after ? 1 : 0), 0, id)
      if (others.every((other, i) => other === ids[i])) return
      await reorder(others)
    },

    openMoveDialog(conversationId) {
      set({ movingConversationId: conversationId })
    },
    closeMoveDialog() {
      set({ movingConversationId: null })
    },
    setDraggedConversation(id) {
      set({ draggedConversationId: id })
    },

    projectChatAdded(projectId) {
      const expanded = get().expandedProjects
      if (!expanded.includes(projectId)) set({ expandedProjects: [...expanded, projectId] })
      void get().loadProjects()
    },

    async addProjectFiles(projectId, files) {
      const refused: ProjectFileRefusal[] = []
      const replace = (project: Project) =>
        set({ projects: get().projects.map((p) => (p.id === project.id ? project : p)) })
      for (const file of files) {
        const held = get().projects.find((p) => p.id === projectId)?.files.length ?? 0
        const local =
          held >= MAX_PROJECT_FILES
            ? localRefusal('too_many', { limit: MAX_PROJECT_FILES })
            : file.size > MAX_FILE_BYTES
              ? localRefusal('file_too_large', { bytes: file.size, limit: MAX_FILE_BYTES })
              : null
        if (local) {
          refused.push({ name: file.name, error: local })
          continue
        }
        let data: Uint8Array<ArrayBuffer>
        try {
          data = new Uint8Array(await file.arrayBuffer())
        } catch {
          refused.push({ name: file.name, error: localRefusal('unreadable') })
          continue
        }
        const result = await api.addProjectFile({ projectId, name: file.name, data })
        if (result.ok) replace(result.value)
        else if (result.error.code === 'attachment_refused')
          refused.push({ name: file.name, error: result.error })
        else set({ banner: result.error })
      }
      return refused
    },

    async removeProjectFile(projectId, sha256) {
      const result = await api.removeProjectFile({ projectId, sha256 })
      if (!result.ok) return set({ banner: result.error })
      set({ projects: get().projects.map((p) => (p.id === projectId ? result.value : p)) })
    },

    async moveConversation(conversationId, projectId) {
      const result = await api.setConversationProject({ id: conversationId, projectId })
      if (!result.ok) return set({ banner: result.error, movingConversationId: null })
      set({
        conversations: placeConversation(get().conversations, result.value),
        movingConversationId: null
      })
      await get().loadProjects()
    }
  }
}
