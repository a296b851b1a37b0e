import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject
} from 'react'
import { useTranslation } from 'react-i18next'
import {
  MODEL_FAMILIES,
  MODEL_FAMILY_NAMES,
  catalogModel,
  modelDisplayName,
  type ModelFamily,
  type ModelInfo
} from '../../../../shared/models'
import { modelInfoOf } from '../../lib/attachmentRules'
import { capabilityWords } from '../../lib/modelSearch'
import { selectCurrentModel, selectModelCorrections, selectModels } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { ModelCorrection } from './ModelCorrection'
import { ModelLegend } from './ModelLegend'
import { ModelOption } from './ModelOption'
import './ModelPicker.css'

interface ModelGroup {
  key: ModelFamily
  models: Array<{ id: string; info: ModelInfo | undefined }>
}

/** Groups models by family; an id the catalog does not list goes where its family says. */
export function groupModels(models: readonly ModelInfo[], current: string): ModelGroup[] {
  const groups: ModelGroup[] = MODEL_FAMILY_NAMES.map((key) => ({
    key,
    models: []
  }))
  const byKey = new Map(groups.map((group) => [group.key, group]))
  const entries: Array<{ id: string; info: ModelInfo | undefined }> = models.map((m) => ({
    id: m.id,
    info: m
  }))
  // Keep the chosen model selectable even when the provider no longer lists it.
  if (!models.some((m) => m.id === current))
    entries.push({ id: current, info: catalogModel(current) })
  for (const entry of entries) {
    // By the id, as the catalog reads it: never a family the list itself claims.
    byKey.get(catalogModel(entry.id).family)!.models.push(entry)
  }
  return groups.filter((group) => group.models.length > 0)
}

/**
 * The groups keeping only models whose readable name, id or capability words (lib/modelSearch.ts,
 * both languages) hold every word of `query`.
 */
export function filterModelGroups(groups: readonly ModelGroup[], query: string): ModelGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...groups]
  return groups
    .map((group) => ({
      ...group,
      models: group.models.filter((model) => {
        const haystack =
          `${modelDisplayName(model.id)} ${model.id} ${capabilityWords(model.info)}`.toLowerCase()
        return words.every((word) => haystack.includes(word))
      })
    }))
    .filter((group) => group.models.length > 0)
}

/** The model of the open conversation, or of the next new chat: a button that opens a searchable list. */
export function ModelPicker() {
  const { t } = useTranslation()
  const current = useApp(selectCurrentModel)
  const [open, setOpen] = useState(false)
  const triggerRef = useRef<HTMLButtonElement>(null)
  const name = modelDisplayName(current)

  function close(refocus: boolean): void {
    setOpen(false)
    if (refocus) triggerRef.current?.focus()
  }

  return (
    <div className="model-picker">
      <button
        ref={triggerRef}
        type="button"
        className="model-picker-trigger"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={t('models.pickerLabel', { name })}
        title={current}
        onClick={() => setOpen((was) => !was)}
      >
        <span className="model-picker-name">
          {/* In a very narrow window "Doubao" goes, so the version and variant stay readable. */}
          {name.startsWith('Doubao ') ? <span className="model-picker-brand">Doubao </span> : null}
          {name.startsWith('Doubao ') ? name.slice('Doubao '.length) : name}
        </span>
        <span aria-hidden="true" className="model-picker-chevron" />
      </button>
      {open ? <ModelPopover current={current} onClose={close} triggerRef={triggerRef} /> : null}
    </div>
  )
}

/** The popover: a filter field over a listbox grouped by family (arrows, Enter, Esc). */
function ModelPopover({
  current,
  onClose,
  triggerRef
}: {
  current: string
  onClose: (refocus: boolean) => void
  triggerRef: RefObject<HTMLButtonElement | null>
}) {
  const { t } = useTranslation()
  const id = useId()
  const models = useApp(selectModels)
  const corrections = useApp(selectModelCorrections)
  const selectModel = useApp((s) => s.selectModel)
  const [query, setQuery] = useState('')
  const groups = useMemo(
    () => filterModelGroups(groupModels(models, current), query),
    [models, current, query]
  )
  const flat = useMemo(
    () => groups.flatMap((group) => group.models.map((model) => model.id)),
    [groups]
  )
  const [active, setActive] = useState(current)
  const popoverRef = useRef<HTMLDivElement>(null)
  const activeId = flat.includes(active) ? active : flat[0]
  const optionId = (model: string) => `${id}-option-${model}`

  // A click outside closes; the trigger toggles by itself.
  useEffect(() => {
    function onPointerDown(event: MouseEvent): void {
      const target = event.target as Node
      if (!popoverRef.current?.contains(target) && !triggerRef.current?.contains(target))
        onClose(false)
    }
    document.addEventListener('mousedown', onPointerDown, true)
    return () => document.removeEventListener('mousedown', onPointerDown, true)
  }, [onClose, triggerRef])

  useEffect(() => {
    if (activeId)
      document.getElementById(optionId(activeId))?.scrollIntoView?.({ block: 'nearest' })
  })

  function choose(model: string): void {
    onClose(true)
    if (model !== current) void selectModel(model)
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.nativeEvent.isComposing) return
    const at = activeId ? flat.indexOf(activeId) : -1
    let next: number | null = null
    if (event.key === 'ArrowDown') next = Math.min(flat.length - 1, at + 1)
    else if (event.key === 'ArrowUp') next = Math.max(0, at - 1)
    else if (event.key === 'PageDown' || (event.key === 'End' && event.ctrlKey))
      next = flat.length - 1
    else if (event.key === 'PageUp' || (event.key === 'Home' && event.ctrlKey)) next = 0
    else if (event.key === 'Enter') {
      event.preventDefault()
      if (activeId) choose(activeId)
      return
    } else if (event.key === 'Escape') {
      // Not the window's Esc (which would stop a streaming reply).
      event.preventDefault()
      event.stopPropagation()
      onClose(true)
      return
    } else if (event.key === 'Tab' && !event.shiftKey) {
      // Past the list (worked from here with the arrows) to the chosen model's capabilities.
      const box = popoverRef.current?.querySelector<HTMLInputElement>('.model-correction input')
      if (box) {
        event.preventDefault()
        box.focus()
      }
      return
    }
    if (next !== null && flat.length > 0) {
      event.preventDefault()
      setActive(flat[next])
    }
  }

  return (
    <div
      ref={popoverRef}
      className="model-popover"
      role="dialog"
      aria-label={t('models.label')}
      // Tab goes on to the chosen model's capabilities; focus leaving the popover closes it.
      onBlur={(event) => {
        const to = event.relatedTarget as Node | null
        if (to && !popoverRef.current?.contains(to) && !triggerRef.current?.contains(to))
          onClose(false)
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        event.preventDefault()
        event.stopPropagation()
        onClose(true)
      }}
    >
      <input
        type="text"
        role="combobox"
        className="model-search"
        aria-label={t('models.search')}
        placeholder={t('models.searchPlaceholder')}
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={activeId ? optionId(activeId) : undefined}
        // biome-ignore lint/a11y/noAutofocus: the popover was just opened to type a filter
        autoFocus
        spellCheck={false}
        autoComplete="off"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div id={`${id}-list`} role="listbox" className="model-list" aria-label={t('models.list')}>
        {groups.length === 0 ? <p className="model-none">{t('models.noMatch')}</p> : null}
        {groups.map((group) => (
          // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox (ARIA), not a form fieldset
          <div
            key={group.key}
            role="group"
            aria-labelledby={`${id}-group-${group.key}`}
            className="model-group"
          >
            <div id={`${id}-group-${group.key}`} className="model-group-label" role="presentation">
              {t(MODEL_FAMILIES[group.key].labelKey)}
            </div>
            {group.models.map((model) => (
              <ModelOption
                key={model.id}
                elementId={optionId(model.id)}
                id={model.id}
                info={model.info}
                selected={model.id === current}
                active={model.id === activeId}
                onHover={() => setActive(model.id)}
                onChoose={() => choose(model.id)}
              />
            ))}
          </div>
        ))}
      </div>
      <ModelCorrection info={modelInfoOf(models, current, corrections)} />
      <ModelLegend />
    </div>
  )
}
