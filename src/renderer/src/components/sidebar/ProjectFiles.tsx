import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DOCUMENT_PICKER_TYPES } from '../../../../shared/attachments/documents'
import type { Project } from '../../../../shared/projects'
import { describeRefusal, formatBytes } from '../../lib/attachmentRules'
import { formatNumber } from '../../lib/numberFormat'
import type { ProjectFileRefusal } from '../../store/slices/projects'
import { useApp } from '../../store/StoreProvider'

// The picker offers documents only: a project's files are sent as their text.
const ACCEPTED_DOCUMENTS = `application/pdf,text/plain,${DOCUMENT_PICKER_TYPES}`

/**
 * A project's files in its dialog: each with its size and estimated tokens and a Remove button,
 * the total, "Add files…" (read as the composer reads documents), and the files refused with why.
 */
export function ProjectFiles({ project }: { project: Project }) {
  const { t, i18n } = useTranslation()
  const titleId = useId()
  const input = useRef<HTMLInputElement>(null)
  const add = useApp((s) => s.addProjectFiles)
  const remove = useApp((s) => s.removeProjectFile)
  const [busy, setBusy] = useState(false)
  const [refused, setRefused] = useState<ProjectFileRefusal[]>([])
  const format = (value: number) => formatNumber(value, i18n.language)
  const total = project.files.reduce((sum, file) => sum + file.tokens, 0)

  const reason = (refusal: ProjectFileRefusal): string =>
    refusal.error.reason === 'too_many'
      ? t('projects.filesTooMany', { limit: refusal.error.params?.limit })
      : describeRefusal(refusal.error, t).text

  return (
    <section className="project-files" aria-labelledby={titleId}>
      <h3 id={titleId} className="project-params-title">
        {t('projects.files')}
      </h3>
      <p className="field-hint">{t('projects.filesHint')}</p>
      {project.files.length === 0 ? (
        <p className="project-files-empty">{t('projects.filesEmpty')}</p>
      ) : (
        <ul className="project-files-list">
          {project.files.map((file) => (
            <li key={file.sha256}>
              <span className="project-file-name" title={file.name}>
                {file.name}
              </span>
              <span className="project-file-size">
                {t(file.pages === null ? 'projects.fileSize' : 'projects.fileSizePages', {
                  size: formatBytes(file.bytes),
                  pages: file.pages,
                  tokens: format(file.tokens)
                })}
              </span>
              <button
                type="button"
                className="button"
                aria-label={t('projects.removeFile', { name: file.name })}
                onClick={() => void remove(project.id, file.sha256)}
              >
                {t('projects.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="project-files-footer">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => input.current?.click()}
        >
          {busy ? t('projects.filesReading') : t('projects.addFiles')}
        </button>
        {project.files.length > 0 ? (
          <span className="project-files-total">
            {t('projects.filesTotal', { tokens: format(total) })}
          </span>
        ) : null}
      </div>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={ACCEPTED_DOCUMENTS}
        data-testid="project-file-input"
        onChange={async (event) => {
          const files = Array.from(event.target.files ?? [])
          event.target.value = ''
          setBusy(true)
          setRefused(await add(project.id, files))
          setBusy(false)
        }}
      />
      {refused.length > 0 ? (
        <ul className="project-files-refused" role="alert">
          {refused.map((refusal, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same name may be refused twice
            <li key={i}>
              {t('projects.fileRefused', { name: refusal.name, reason: reason(refusal) })}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
