// The chat's dialogs and previews, each a chunk of its own loaded when first shown (ui/Later.tsx);
// the app preloads them once the chat has painted (appParts.ts).
import { later } from '../../ui/Later'

export const ParamsPanel = later(() => import('../params/ParamsPanel').then((m) => m.ParamsPanel))
export const ProjectDialog = later(() =>
  import('../sidebar/ProjectDialog').then((m) => m.ProjectDialog)
)
export const MoveToProjectDialog = later(() =>
  import('../sidebar/MoveToProjectDialog').then((m) => m.MoveToProjectDialog)
)
export const DocumentPreview = later(() =>
  import('./DocumentPreview').then((m) => m.DocumentPreview)
)
export const ImagePreview = later(() => import('./ImagePreview').then((m) => m.ImagePreview))
