import '@xterm/xterm/css/xterm.css'
import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { api, call } from '../../api/client'
import { stampStyleNonce } from '../../style-nonce'
import { ScopedButton } from '../../ui/scoped-button'
import { Empty, ErrorNote, Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'
import { useTitle } from '../../ui/use-title'
import { TerminalView } from './terminal-view'

// Before the first xterm.js terminal creates its <style> elements.
stampStyleNonce()

/** Terminals in tabs: open one in a workspace, switch, close; each stays attached while the screen is open. */
export function Terminals ({ id }: { id?: string }) {
  useTitle('Terminals')
  const { route, query } = useLocation()
  const terminals = useResource(async () => await call(api.GET('/api/terminals', { params: { query: { limit: 100 } } })), [])
  const workspaces = useResource(async () => await call(api.GET('/api/workspaces', { params: { query: { limit: 100 } } })), [])
  const [workspace, setWorkspace] = useState(query.workspace ?? '')
  const [shell, setShell] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error>()
  const names = new Map(workspaces.data?.items.map((item) => [item.id, item.name]))
  const chosen = workspace || workspaces.data?.items[0]?.id || ''

  const open = (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    call(api.POST('/api/terminals', { body: { workspace_id: chosen, cwd: '.', cols: 100, rows: 30, ...(shell.trim() ? { shell: shell.trim() } : {}) } })).then((created) => {
      terminals.reload()
      route(`/terminals/${created.id}`)
    }, setError).finally(() => setBusy(false))
  }
  const close = (terminal: string) => {
    if (!confirm('Close this terminal? Its shell and whatever runs in it are ended.')) return
    call(api.DELETE('/api/terminals/{id}', { params: { path: { id: terminal } } })).then(() => {
      terminals.reload()
      route('/terminals')
    }, setError)
  }

  return (
    <section class='terminals' aria-labelledby='terminals-title'>
      <h1 id='terminals-title'>Terminals</h1>
      <Loaded resource={workspaces} what='workspaces'>
        {(list) => list.items.length === 0
          ? <Empty>A terminal opens in a workspace: <a href='/workspaces'>create a workspace</a> first.</Empty>
          : (
            <form class='actions' onSubmit={open}>
              <label for='terminal-workspace' class='inline'>Workspace</label>
              <select id='terminal-workspace' class='grow' value={chosen} onChange={(event) => setWorkspace(event.currentTarget.value)}>
                {list.items.map((item) => <option key={item.id} value={item.id}>{item.name}</option>)}
              </select>
              <label for='terminal-shell' class='inline'>Shell</label>
              <input
                id='terminal-shell' class='shell-input' value={shell} placeholder='default ($SHELL or bash)' title='any shell listed in /etc/shells, by name or path'
                onInput={(event) => setShell(event.currentTarget.value)}
              />
              <ScopedButton type='submit' scope='admin' busy={busy} busyLabel='Opening…'>Open a terminal</ScopedButton>
            </form>
            )}
      </Loaded>
      {error && <ErrorNote error={error} />}
      <Loaded resource={terminals} what='terminals'>
        {(page) => {
          if (page.items.length === 0) return <Empty>No terminal is open.</Empty>
          const active = page.items.find((terminal) => terminal.id === id) ?? page.items[0]
          return (
            <>
              <div role='tablist' aria-label='Open terminals' class='terminal-tabs'>
                {page.items.map((terminal, index) => (
                  <span key={terminal.id} class='terminal-tab'>
                    <button
                      type='button' role='tab' id={`tab-${terminal.id}`} aria-selected={terminal.id === active.id} aria-controls={`panel-${terminal.id}`}
                      class={terminal.id === active.id ? '' : 'secondary'} onClick={() => route(`/terminals/${terminal.id}`)}
                    >
                      {index + 1}: {names.get(terminal.workspace_id) ?? terminal.workspace_id} <span class='hint'>{terminal.shell.split('/').pop()}</span>
                    </button>
                    <ScopedButton scope='admin' class='link' quiet onClick={() => close(terminal.id)}>Close {index + 1}</ScopedButton>
                  </span>
                ))}
              </div>
              {page.items.map((terminal) => (
                <div key={terminal.id} role='tabpanel' id={`panel-${terminal.id}`} aria-labelledby={`tab-${terminal.id}`} hidden={terminal.id !== active.id}>
                  <TerminalView id={terminal.id} visible={terminal.id === active.id} />
                </div>
              ))}
            </>
          )
        }}
      </Loaded>
    </section>
  )
}
