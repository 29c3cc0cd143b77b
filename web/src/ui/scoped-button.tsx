import type { ComponentChildren } from 'preact'
import { usePermission } from '../session/session'

interface Props {
  children: ComponentChildren
  /** The scope the service will ask for; write by default. */
  scope?: 'write' | 'admin'
  busy?: boolean
  busyLabel?: string
  disabled?: boolean
  onClick?: () => void
  type?: 'button' | 'submit'
  class?: string
  /** The reason only as the button's tooltip, where a screen already says it once beside another button. */
  quiet?: boolean
}

/** A button for a change: disabled, with the reason beside it, when the token lacks the scope. */
export function ScopedButton ({ children, scope = 'write', busy, busyLabel, disabled, onClick, type = 'button', class: className, quiet }: Props) {
  const { allowed, reason } = usePermission(scope)
  return (
    <>
      <button type={type} class={className} disabled={!allowed || busy || disabled} title={reason} onClick={onClick} aria-busy={busy}>
        {busy && busyLabel ? busyLabel : children}
      </button>
      {reason && !quiet && <span class='disabled-reason'>{reason}</span>}
    </>
  )
}
