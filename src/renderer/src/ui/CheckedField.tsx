import { useId, type ReactNode } from 'react'
import './TextField.css'

/** What the control inside a CheckedField is given: its id, and its error's wiring. */
export interface CheckedControl {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

/**
 * A field checked as it is typed: its label (with a short hint beside it), the control the caller
 * renders with `children(control)`, a hint under it while it is valid, and its error.
 */
export function CheckedField({
  label,
  labelHint,
  hint,
  error,
  className = '',
  children
}: {
  label: string
  labelHint?: string
  hint?: string
  error: string | null
  className?: string
  children: (control: CheckedControl) => ReactNode
}) {
  const id = useId()
  const errorId = `${id}-error`
  return (
    <div className={`field ${className}`.trim()}>
      <label htmlFor={`${id}-input`}>
        {labelHint ? (
          <>
            {label} <span className="field-label-hint">{labelHint}</span>
          </>
        ) : (
          label
        )}
      </label>
      {children({
        id: `${id}-input`,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? errorId : undefined
      })}
      {hint && !error ? <p className="field-hint">{hint}</p> : null}
      <FieldError id={errorId} error={error} />
    </div>
  )
}

/** The error under a field, named by the field's aria-describedby. */
export function FieldError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} className="field-error">
      {error}
    </p>
  ) : null
}
