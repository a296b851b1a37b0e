import { useId, type InputHTMLAttributes, type ReactNode } from 'react'
import './TextField.css'

/**
 * A text input with its label above; `trailing` (buttons) sits in a row beside the input, and
 * `children` (a hint, a status) under it. Pass `trailing={null}` while there is nothing beside the
 * input yet: the row stays, so the input is not remounted (losing focus) when buttons appear.
 */
export function TextField({
  label,
  trailing,
  children,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string
  trailing?: ReactNode
  children?: ReactNode
}) {
  const id = useId()
  const field = <input id={id} {...input} />
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {trailing !== undefined ? (
        <div className="field-row">
          {field}
          {trailing}
        </div>
      ) : (
        field
      )}
      {children}
    </div>
  )
}
