import { useEffect, useRef, useState } from 'preact/hooks'
import { Terminal } from '@xterm/xterm'
import { FitAddon } from '@xterm/addon-fit'
import { hasScope, useSession } from '../../session/session'
import { TerminalLink, type LinkState } from './terminal-link'

function describe (state: LinkState): string {
  switch (state.status) {
    case 'connecting': return 'Connecting…'
    case 'connected': return 'Connected'
    case 'reconnecting': return `Connection lost; reconnecting (attempt ${state.attempt})…`
    case 'ended': return `Ended: ${state.reason}`
  }
}

/** One terminal on screen: xterm.js fitted to its box (and the window), attached live. */
export function TerminalView ({ id, visible }: { id: string, visible: boolean }) {
  const { me, token } = useSession()
  const readOnly = !hasScope(me, 'write')
  const box = useRef<HTMLDivElement>(null)
  const fit = useRef<FitAddon>()
  const [state, setState] = useState<LinkState>({ status: 'connecting' })

  useEffect(() => {
    const terminal = new Terminal({ cursorBlink: !readOnly, disableStdin: readOnly, fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', fontSize: 14, scrollback: 5000 })
    const fitter = new FitAddon()
    terminal.loadAddon(fitter)
    terminal.open(box.current!)
    fit.current = fitter
    const link = new TerminalLink(terminal, id, token, readOnly, setState)
    const resized = terminal.onResize(({ cols, rows }) => link.resize(cols, rows))
    const observer = new ResizeObserver(() => { if (box.current?.offsetParent) fitter.fit() })
    observer.observe(box.current!)
    return () => {
      observer.disconnect()
      resized.dispose()
      link.close()
      terminal.dispose()
    }
  }, [id, token, readOnly])

  // A tab shown again fits its terminal to the space it now has.
  useEffect(() => { if (visible) fit.current?.fit() }, [visible])

  return (
    <div class='terminal-panel' data-testid={`terminal-${id}`}>
      <p class={`terminal-state ${state.status}`} role='status'>
        {describe(state)}
        {readOnly && <> · <span class='badge updated'>read-only</span> this token cannot type (it lacks the write scope)</>}
      </p>
      <div class='terminal-box' ref={box} />
    </div>
  )
}
