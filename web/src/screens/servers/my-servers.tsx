import { useEffect, useState } from 'preact/hooks'
import { api, call, type Schemas } from '../../api/client'
import { useSocketEvent } from '../../realtime/hooks'
import { Empty, Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'
import { useTitle } from '../../ui/use-title'
import { ServerDetail, StateBadge } from './server-detail'
import { catalogPage, installPage } from '../../links'

type Status = Schemas['McpRuntimeStatus']
const RUNTIME_STATES = new Set(['stopped', 'starting', 'running', 'crashed'])

/** Your installs with their live state (`mcp_server_status`), and the one picked in the address. */
export function MyServers ({ name }: { name?: string }) {
  useTitle('My servers')
  const installs = useResource(async () => await call(api.GET('/api/mcp/installed', { params: { query: { limit: 100 } } })), [])
  const [statuses, setStatuses] = useState<Record<string, Status>>({})
  const setStatus = (status: Status) => setStatuses((previous) => ({ ...previous, [status.name]: status }))

  // The state each install is in now; from then on the socket says every change.
  useEffect(() => {
    for (const install of installs.data?.items ?? []) {
      if (statuses[install.name]) continue
      call(api.GET('/api/mcp/installed/{name}/status', { params: { path: { name: install.name } } })).then(setStatus, () => {})
    }
  }, [installs.data])

  useSocketEvent('mcp_server_status', (event) => {
    if (RUNTIME_STATES.has(event.state)) {
      setStatuses((previous) => ({ ...previous, [event.name]: { ...previous[event.name], ...event } as Status }))
    } else {
      installs.reload()
    }
  })

  return (
    <section aria-labelledby='servers-title'>
      <h1 id='servers-title' class={name ? 'visually-hidden' : ''}>My servers</h1>
      <Loaded resource={installs} what='your servers'>
        {(page) => page.items.length === 0
          ? <Empty>You have not installed a server yet. <a href='/marketplace'>Find one in the Marketplace</a>.</Empty>
          : (
            <div class='split'>
              <nav aria-label='Installed servers'>
                <ul class='list'>
                  {page.items.map((install) => (
                    <li key={install.name}>
                      <a class='list-item' href={installPage(install.name)} aria-current={install.name === name ? 'page' : undefined}>
                        {install.title} <StateBadge state={statuses[install.name]?.state} />
                        <br /><span class='muted mono'>{install.name}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              <div>
                {(() => {
                  const install = page.items.find((item) => item.name === name)
                  if (!name) return <Empty>Pick a server to start it, read its log and call its tools.</Empty>
                  if (!install) return <Empty>{name} is not installed. <a href={catalogPage(name)}>Install it</a>.</Empty>
                  return <ServerDetail key={name} install={install} status={statuses[name]} onStatus={setStatus} />
                })()}
              </div>
            </div>
            )}
      </Loaded>
    </section>
  )
}
