import { useEffect, useRef, useState } from 'preact/hooks'
import { api, call, type Answer, type Schemas } from '../../api/client'
import { ScopedButton } from '../../ui/scoped-button'
import { Empty, ErrorNote, Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'
import { ToolForm } from './tool-form'
import { catalogPage } from '../../links'

type Status = Schemas['McpRuntimeStatus']
type TestResult = Answer<'/api/mcp/installed/{name}/test', 'post'>
type Action = 'start' | 'stop' | 'restart' | 'test'

const FOLLOW_MS = 2000

/** The log tail, followed: fetched again every few seconds and on every state change, kept scrolled to the end. */
function LogTail ({ name, status }: { name: string, status: Status | undefined }) {
  const logs = useResource(async () => await call(api.GET('/api/mcp/installed/{name}/logs', { params: { path: { name }, query: { lines: 200 } } })), [name, status?.state, status?.timestamp])
  const box = useRef<HTMLPreElement>(null)
  const pinned = useRef(true)
  useEffect(() => {
    const timer = setInterval(logs.reload, FOLLOW_MS)
    return () => clearInterval(timer)
  }, [logs.reload])
  useEffect(() => {
    if (pinned.current && box.current) box.current.scrollTop = box.current.scrollHeight
  }, [logs.data])
  return (
    <section class='card' aria-labelledby='logs-title'>
      <h2 id='logs-title'>Log</h2>
      <Loaded resource={logs} what='the log'>
        {(tail) => tail.lines.length === 0
          ? <Empty>Nothing logged yet.</Empty>
          : (
            <pre
              class='logs' ref={box} tabIndex={0} aria-label='Log lines' data-testid='logs'
              onScroll={(event) => { const el = event.currentTarget; pinned.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8 }}
            >
              {tail.lines.map((line, index) => <div key={index} class={`log-line ${line.stream}`}>{line.timestamp.slice(11, 19)} {line.text}</div>)}
            </pre>
            )}
      </Loaded>
    </section>
  )
}

function Tools ({ name, status }: { name: string, status: Status }) {
  const tools = useResource(async () => await call(api.GET('/api/mcp/installed/{name}/tools', { params: { path: { name } } })), [name, status.started_at])
  return (
    <section class='card' aria-labelledby='tools-title'>
      <h2 id='tools-title'>Tools</h2>
      <Loaded resource={tools} what='the tools'>
        {(list) => list.tools.length === 0 ? <Empty>This server offers no tools.</Empty> : <>{list.tools.map((tool) => <ToolForm key={tool.name} server={name} tool={tool} />)}</>}
      </Loaded>
    </section>
  )
}

export function StateBadge ({ state }: { state: string | undefined }) {
  return <span class={`badge ${state ?? ''}`} data-testid='state'>{state ?? '…'}</span>
}

/** One install: its live state, start / stop / restart / test, the log, and its tools with forms. */
export function ServerDetail ({ install, status, onStatus }: { install: Schemas['McpInstall'], status: Status | undefined, onStatus: (status: Status) => void }) {
  const name = install.name
  const [busy, setBusy] = useState<Action>()
  const [error, setError] = useState<Error>()
  const [test, setTest] = useState<TestResult>()

  const act = async (action: Action) => {
    setBusy(action)
    setError(undefined)
    try {
      const path = { params: { path: { name } } }
      if (action === 'test') setTest(await call(api.POST('/api/mcp/installed/{name}/test', path)))
      else if (action === 'start') onStatus(await call(api.POST('/api/mcp/installed/{name}/start', path)))
      else if (action === 'stop') onStatus(await call(api.POST('/api/mcp/installed/{name}/stop', path)))
      else onStatus(await call(api.POST('/api/mcp/installed/{name}/restart', path)))
    } catch (failure) {
      setError(failure as Error)
    } finally {
      setBusy(undefined)
    }
  }
  const running = status?.state === 'running'
  const active = running || status?.state === 'starting'

  return (
    <article class='server-detail' aria-labelledby='detail-title'>
      <div class='server-header'>
        <h1 id='detail-title'>{install.title}</h1>
        <StateBadge state={status?.state} />
        {status?.server_info && <span class='muted'>{status.server_info.name} {status.server_info.version}</span>}
        {status?.pid && <span class='muted'>pid {status.pid}</span>}
      </div>
      <p class='muted mono'>{name} · <a href={catalogPage(name)}>values and client configs</a></p>
      {status?.state === 'crashed' && (
        <p class='state error' role='status'>
          Crashed{status.exit_code !== null ? ` with exit code ${status.exit_code}` : ''}{status.signal ? ` (${status.signal})` : ''}{status.last_error ? `: ${status.last_error}` : ''}
          {status.next_restart_at ? ` · restarting at ${new Date(status.next_restart_at).toLocaleTimeString()}` : ''}
        </p>
      )}
      <div class='actions'>
        <ScopedButton onClick={() => act('start')} disabled={active} busy={busy === 'start'} busyLabel='Starting…'>Start</ScopedButton>
        <ScopedButton class='secondary' onClick={() => act('stop')} disabled={!active} busy={busy === 'stop'} busyLabel='Stopping…'>Stop</ScopedButton>
        <ScopedButton class='secondary' onClick={() => act('restart')} disabled={!active} busy={busy === 'restart'} busyLabel='Restarting…'>Restart</ScopedButton>
        <ScopedButton class='secondary' onClick={() => act('test')} busy={busy === 'test'} busyLabel='Testing…'>Test</ScopedButton>
      </div>
      {error && <ErrorNote error={error} />}
      {test && (
        <p class={`state ${test.success ? 'success' : 'error'}`} role='status' data-testid='test-result'>
          {test.success
            ? `Test passed in ${Math.round(test.latency_ms)} ms: ${test.server_info?.name ?? 'the server'} offers ${test.tools.length} tools (${test.tools.join(', ')}).`
            : `Test failed after ${Math.round(test.latency_ms)} ms: ${test.error ?? 'no reason given'}`}
        </p>
      )}
      {running && status ? <Tools name={name} status={status} /> : <p class='muted'>Start the server to see and call its tools.</p>}
      <LogTail name={name} status={status} />
    </article>
  )
}
