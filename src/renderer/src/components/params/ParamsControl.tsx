import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChatParams } from '../../../../shared/params'
import { paramChips } from '../../lib/paramsForm'
import { selectActiveConversation, selectAppliedPresetName } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { Tooltip } from '../../ui/Tooltip'
import { chipText } from './ParamChips'
import './ParamsControl.css'
import './ParamChips.css'

/**
 * The header's "Parameters" control: what is not default in the open conversation (or the new
 * chat) as chips, and the button that opens the panel.
 */
export function ParamsControl() {
  const { t } = useTranslation()
  const conversation = useApp(selectActiveConversation)
  const draftParams = useApp((s) => s.draftParams)
  const defaultParams = useApp((s) => s.settings.defaultParams)
  const open = useApp((s) => s.openParamsPanel)
  const params = conversation ? conversation.params : (draftParams ?? defaultParams)
  const presetName = useApp(selectAppliedPresetName)
  return (
    <div className="params-control">
      {presetName ? (
        <span className="applied-preset" title={t('params.appliedPreset', { name: presetName })}>
          <span aria-hidden="true" className="icon-params icon-preset" />
          <span className="applied-preset-name">
            {t('params.appliedPreset', { name: presetName })}
          </span>
        </span>
      ) : null}
      {/* The chips open the panel too (a mouse shortcut; the button is the control to tab to). */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut beside the Parameters button */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the Parameters button is the keyboard's way in */}
      <div className="params-chips-click" onClick={open}>
        <HeaderChips params={params} />
      </div>
      <Tooltip text={t('params.title')}>
        <button type="button" className="button button-quiet params-button" onClick={open}>
          <span aria-hidden="true" className="icon-params" />
          <span className="params-button-text">{t('params.button')}</span>
        </button>
      </Tooltip>
    </div>
  )
}

// Narrower than this, a chip cut with an ellipsis says nothing: it counts in "+N" instead.
const MIN_CHIP_WIDTH = 48

/**
 * The header's parameter chips on one row: those that do not fit are counted in a "+N" button
 * whose popover lists them, so no chip vanishes unseen however narrow the window or long the title.
 */
export function HeaderChips({ params }: { params: ChatParams }) {
  const { t } = useTranslation()
  const chips = paramChips(params)
  // A state, not a ref: the row's observer starts when the list appears.
  const [list, setList] = useState<HTMLUListElement | null>(null)
  const [hidden, setHidden] = useState(0)
  const [open, setOpen] = useState(false)
  const popoverId = useId()
  const moreRef = useRef<HTMLButtonElement>(null)
  const popoverRef = useRef<HTMLDivElement>(null)

  // The chips past the first row (they wrap out of sight) are the hidden ones: counted after
  // every render (the chips' words change) and whenever the row's width changes.
  const count = useCallback((): void => {
    const items = Array.from(list?.children ?? []) as HTMLElement[]
    const top = items[0]?.offsetTop ?? 0
    // A chip squeezed to a sliver counts as hidden too: the popover lists it.
    const outOfSight = (item: HTMLElement): boolean =>
      item.offsetTop > top || item.clientWidth < Math.min(item.scrollWidth, MIN_CHIP_WIDTH)
    setHidden(items.filter(outOfSight).length)
  }, [list])
  useLayoutEffect(count)
  useEffect(() => {
    if (!list || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(count)
    observer.observe(list)
    return () => observer.disconnect()
  }, [count, list])

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: MouseEvent): void => {
      const target = event.target as Node
      if (!popoverRef.current?.contains(target) && !moreRef.current?.contains(target))
        setOpen(false)
    }
    document.addEventListener('mousedown', onPointerDown, true)
    return () => document.removeEventListener('mousedown', onPointerDown, true)
  }, [open])
  useEffect(() => {
    if (hidden === 0) setOpen(false)
  }, [hidden])

  if (chips.length === 0) return null
  const shown = chips.length - hidden
  return (
    <div className="header-chips">
      <ul ref={setList} className="param-chips" aria-label={t('params.chipsLabel')}>
        {/* Screen readers read every chip here (those out of sight too); "+N" is for the eye. */}
        {chips.map((chip, index) => (
          <li
            key={chip.key}
            className="param-chip"
            data-out={index >= shown || undefined}
            title={chip.field === 'systemPrompt' ? params.systemPrompt : undefined}
          >
            {chipText(chip, t)}
          </li>
        ))}
      </ul>
      {hidden > 0 ? (
        <button
          ref={moreRef}
          type="button"
          className="param-chip param-chips-more"
          aria-label={t('headerChips.more', { count: hidden })}
          aria-expanded={open}
          aria-controls={open ? popoverId : undefined}
          onClick={(event) => {
            // Not the chips' own click, which opens the Parameters panel.
            event.stopPropagation()
            setOpen((was) => !was)
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && open) {
              // Not the window's Esc (which would stop a streaming reply).
              event.stopPropagation()
              event.preventDefault()
              setOpen(false)
            }
          }}
        >
          +{hidden}
        </button>
      ) : null}
      {open ? (
        // biome-ignore lint/a11y/noStaticElementInteractions: clicks inside stay inside (the chips' click opens the panel)
        // biome-ignore lint/a11y/useKeyWithClickEvents: only stops the click from reaching the chips
        <div
          ref={popoverRef}
          id={popoverId}
          className="param-chips-popover"
          onClick={(event) => event.stopPropagation()}
        >
          <ul className="param-chips" aria-label={t('headerChips.hidden')}>
            {chips.slice(shown).map((chip) => (
              <li key={chip.key} className="param-chip">
                {chipText(chip, t)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
