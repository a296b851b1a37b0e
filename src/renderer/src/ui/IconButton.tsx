import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react'
import type { ShortcutAction } from '../lib/shortcuts'
import { Tooltip } from './Tooltip'
import './IconButton.css'

/**
 * A quiet square button showing only a glyph or an icon; `label` is its accessible name (the glyph
 * is hidden from screen readers) and its tooltip, with the keys of `shortcut` when it has one.
 */
export function IconButton({
  label,
  shortcut,
  className = '',
  children,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'type' | 'title'> & {
  label: string
  ref?: Ref<HTMLButtonElement>
  /** The shortcut table's action this button does, shown in its tooltip. */
  shortcut?: ShortcutAction
  children: ReactNode
}) {
  return (
    <Tooltip text={label} shortcut={shortcut}>
      <button
        type="button"
        className={`button button-quiet icon-button ${className}`.trimEnd()}
        aria-label={label}
        {...button}
      >
        {children}
      </button>
    </Tooltip>
  )
}
