import type { ButtonHTMLAttributes, ReactNode } from 'react'
import './IconButton.css'

/**
 * A quiet square button showing only a glyph or an icon; `label` is its accessible name (the glyph
 * is hidden from screen readers).
 */
export function IconButton({
  label,
  className = '',
  children,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'type'> & {
  label: string
  children: ReactNode
}) {
  return (
    <button
      type="button"
      className={`button button-quiet icon-button ${className}`.trimEnd()}
      aria-label={label}
      {...button}
    >
      {children}
    </button>
  )
}
