import { useState } from 'preact/hooks'
import { api, call, type Answer } from '../../api/client'
import type { SystemStatus } from '../../../../schemas/health'
import { useSocketEvent, useSubscription } from '../../realtime/hooks'
import { Loaded } from '../../ui/states'
import { Sparkline } from '../../ui/sparkline'
import { useResource } from '../../ui/use-resource'
import { useTitle } from '../../ui/use-title'
import { LogLevel } from './log-level'
import { Providers } from './providers'

type Figures = Answer<'/api/control/status', 'get'>
type Sample = { time: string, cpu: number, memory: number }
/** The `system_status` event, typed from the schema the server sends it with. */
type Live = SystemStatus

/** About five minutes of samples at the default interval. */
const HISTORY = 60

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

function Figure ({ label, value, id }: { label: string, value: string | number, id: string }) {
  return <div class='figure'><span class='figure-value' data-testid={id}>{value}</span><span class='hint'>{label}</span></div>
}

/** Every service's health, the live system status with a chart of the last minutes, MCP servers, providers, the log level. */
export function ControlCenter () {
  useTitle('Control center')
  const status = useResource(async () => await call(api.GET('/api/control/status')), [])
  const [live, setLive] = useState<Live>()
  const [history, setHistory] = useState<Sample[]>([])

  useSubscription({ event: 'system_status_subscribe', payload: {}, release: 'system_status_unsubscribe', releasePayload: {} })
  useSocketEvent('system_status', (event) => {
    setLive(event)
    setHistory((previous) => [...previous, { time: event.timestamp, cpu: event.system.cpu_usage, memory: event.system.memory_usage }].slice(-HISTORY))
    status.reload()
  })

  return (
    <section class='control' aria-labelledby='control-title'>
      <div class='server-header'>
        <h1 id='control-title'>Control center</h1>
        {status.data && <span class={`badge ${status.data.status}`}>{status.data.status}</span>}
        <span class='hint' data-testid='live-updated'>{live ? `live · updated ${new Date(live.timestamp).toLocaleTimeString()}` : 'waiting for the first live status…'}</span>
      </div>
      <div class='control-grid'>
        <section class='card' aria-labelledby='system-title'>
          <h2 id='system-title'>System, live</h2>
          <div class='figures'>
            <Figure id='cpu' label='CPU (100 = one core)' value={live ? `${live.system.cpu_usage.toFixed(1)} %` : '…'} />
            <Figure id='memory' label='memory of the machine' value={live ? `${live.system.memory_usage.toFixed(1)} %` : '…'} />
            <Figure id='clients' label='connected clients' value={live?.system.connected_clients ?? '…'} />
            <Figure id='terminals' label='terminals' value={live?.system.active_terminals ?? '…'} />
            <Figure id='workspaces' label='watched workspaces' value={live?.system.active_workspaces ?? '…'} />
          </div>
          <p class='hint'>CPU over the last minutes</p>
          <Sparkline values={history.map((sample) => sample.cpu)} floor={5} label='CPU %' />
          <p class='hint'>Memory over the last minutes</p>
          <Sparkline values={history.map((sample) => sample.memory)} floor={5} label='Memory %' />
        </section>
        <Loaded resource={status} what='the status'>
          {(figures) => <StatusCards figures={figures} live={live} />}
        </Loaded>
        <Providers />
        <LogLevel />
      </div>
    </section>
  )
}

function StatusCards ({ figures, live }: { figures: Figures, live: Live | undefined }) {
  const { process: proc, counts, database } = figures
  return (
    <>
      <section class='card' aria-labelledby='services-title'>
        <h2 id='services-title'>Services</h2>
        <table>
          <thead><tr><th>service</th><th>state</th><th>detail</th><th>latency</th></tr></thead>
          <tbody>
            {Object.entries(figures.services).map(([name, check]) => {
              const state = live?.services[name] ?? check.status
              return <tr key={name}><td>{name}</td><td><span class={`badge ${state}`}>{state}</span></td><td class='hint'>{check.detail}</td><td>{check.latency_ms.toFixed(1)} ms</td></tr>
            })}
          </tbody>
        </table>
      </section>
      <section class='card' aria-labelledby='mcp-title'>
        <h2 id='mcp-title'>MCP servers</h2>
        <div class='figures'>
          <Figure id='mcp-running' label='running' value={counts.mcp_running ?? 0} />
          <Figure id='mcp-crashed' label='crashed' value={counts.mcp_crashed ?? 0} />
          <Figure id='mcp-catalog' label='in the catalog' value={counts.mcp_catalog_servers ?? 0} />
        </div>
        <p><a href='/servers'>My servers</a></p>
        <h2>Process</h2>
        <table>
          <tbody>
            <tr><th>pid</th><td>{proc.pid} · Node {proc.node_version}</td></tr>
            <tr><th>uptime</th><td>{Math.floor(proc.uptime_seconds / 60)} min</td></tr>
            <tr><th>memory</th><td>{megabytes(proc.rss_bytes)} resident · heap {megabytes(proc.heap_used_bytes)} of {megabytes(proc.heap_total_bytes)}</td></tr>
            <tr><th>event loop delay</th><td>p50 {proc.event_loop_delay_ms.p50.toFixed(1)} ms · p99 {proc.event_loop_delay_ms.p99.toFixed(1)} ms</td></tr>
            <tr><th>users online</th><td>{counts.users_online ?? 0} · answers being written {counts.active_generations ?? 0}</td></tr>
            <tr><th>database</th><td>{database.kind}{database.size_bytes !== null ? ` · ${megabytes(database.size_bytes)}` : ''}{database.migration ? ` · ${database.migration}` : ''}</td></tr>
          </tbody>
        </table>
      </section>
    </>
  )
}
