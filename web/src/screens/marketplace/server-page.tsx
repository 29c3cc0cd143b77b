import { useState } from 'preact/hooks'
import { api, call, type Schemas } from '../../api/client'
import { useSocketEvent } from '../../realtime/hooks'
import { ScopedButton } from '../../ui/scoped-button'
import { ErrorNote, Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'
import { useTitle } from '../../ui/use-title'
import { ClientConfigs } from './client-configs'
import { InstallForm } from './install-form'
import { lastSearch } from './marketplace'
import { ServerBadges } from './server-card'
import { installPage } from '../../links'

type Server = Schemas['McpServer']

const SAFE_URL = /^https?:\/\//

function HowItRuns ({ server }: { server: Server }) {
  return (
    <ul class='plain'>
      {server.packages.map((pkg) => <li key={`${pkg.registry_type}:${pkg.identifier}`}><span class='badge'>{pkg.registry_type}</span> <code>{pkg.identifier}{pkg.version ? `@${pkg.version}` : ''}</code> ({pkg.transport})</li>)}
      {server.remotes.map((remote) => <li key={remote.url}><span class='badge'>{remote.transport}</span> <code>{remote.url}</code></li>)}
      {server.command && <li><span class='badge'>command</span> <code>{[server.command.command, ...server.command.args].join(' ')}</code></li>}
    </ul>
  )
}

function Installed ({ server, reload }: { server: Server, reload: () => void }) {
  const install = useResource(async () => await call(api.GET('/api/mcp/installed/{name}', { params: { path: { name: server.name } } })), [server.name])
  const [removing, setRemoving] = useState(false)
  const [error, setError] = useState<Error>()
  const uninstall = async () => {
    if (!confirm(`Uninstall ${server.title}? Its stored values, secrets included, are deleted and a running server is stopped.`)) return
    setRemoving(true)
    setError(undefined)
    try {
      await call(api.DELETE('/api/mcp/servers/{name}/install', { params: { path: { name: server.name } } }))
      reload()
    } catch (failure) {
      setError(failure as Error)
      setRemoving(false)
    }
  }
  return (
    <Loaded resource={install} what='your install'>
      {(current) => (
        <>
          <div class='card installed-panel'>
            <p><span class='badge installed'>installed</span> on {new Date(current.installed_at).toLocaleString()}{current.secrets_set.length > 0 && <> · secrets stored: {current.secrets_set.join(', ')}</>}</p>
            <div class='actions'>
              <a class='button-link' href={installPage(server.name)}>Run it in My servers</a>
              <ScopedButton class='danger' onClick={uninstall} busy={removing} busyLabel='Uninstalling…'>Uninstall</ScopedButton>
            </div>
            {error && <ErrorNote error={error} />}
          </div>
          <InstallForm server={server} install={current} done={(updated) => install.update(() => updated)} />
          <ClientConfigs key={current.updated_at} name={server.name} />
        </>
      )}
    </Loaded>
  )
}

/** One catalog server: what it is, its tools and links, and installing, editing or removing it. */
export function ServerPage ({ name }: { name: string }) {
  const server = useResource(async () => await call(api.GET('/api/mcp/servers/{name}', { params: { path: { name } } })), [name])
  useTitle(server.data?.title ?? 'Server')
  // Installed or removed elsewhere (another tab, Mama Bear, the API): show it.
  useSocketEvent('mcp_server_status', (status) => {
    if (status.name === name && ['installed', 'uninstalled'].includes(status.state)) server.reload()
  })

  return (
    <Loaded resource={server} what='the server'>
      {(shown) => (
        <article class='server-page' aria-labelledby='server-title'>
          <p><a href={lastSearch()}>← Marketplace</a></p>
          <h1 id='server-title'>{shown.title}</h1>
          <p class='muted mono'>{shown.name}{shown.version ? ` · ${shown.version}` : ''}{shown.author ? ` · by ${shown.author}` : ''}</p>
          <ServerBadges server={shown} />
          <p class='description'>{shown.description}</p>
          <ul class='plain links'>
            {shown.repository_url && SAFE_URL.test(shown.repository_url) && <li><a href={shown.repository_url} target='_blank' rel='noopener noreferrer'>Repository</a></li>}
            {shown.homepage_url && SAFE_URL.test(shown.homepage_url) && <li><a href={shown.homepage_url} target='_blank' rel='noopener noreferrer'>Homepage</a></li>}
          </ul>
          <div class='columns'>
            <div>
              {shown.installed
                ? <Installed server={shown} reload={server.reload} />
                : shown.installable
                  ? <InstallForm server={shown} done={server.reload} />
                  : <p class='state error' role='status'>This server cannot be installed here: {shown.not_installable_reason ?? 'nothing in its entry can run on this machine'}.</p>}
            </div>
            <div>
              <section class='card'>
                <h2>Tools</h2>
                {shown.capabilities.length === 0
                  ? <p class='muted'>The catalog lists no tools for it; start it to see what it offers.</p>
                  : <ul class='tools-list'>{shown.capabilities.map((tool) => <li key={tool}><code>{tool}</code></li>)}</ul>}
                {shown.tags.length > 0 && <p class='hint'>Tags: {shown.tags.join(', ')}</p>}
              </section>
              <section class='card'>
                <h2>How it runs</h2>
                <HowItRuns server={shown} />
              </section>
            </div>
          </div>
        </article>
      )}
    </Loaded>
  )
}
