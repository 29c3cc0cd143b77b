import { useState } from 'preact/hooks'
import { api, call, optionalJson, type QueryOf } from '../../api/client'
import { CopyButton } from '../../ui/copy-button'
import { Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'

type Client = QueryOf<'/api/mcp/installed/{name}/config', 'get'>['client']

const clients: Array<[Client, string]> = [['claude-desktop', 'Claude Desktop'], ['vscode', 'VS Code'], ['cursor', 'Cursor']]
const where: Record<Client, string> = {
  'claude-desktop': 'claude_desktop_config.json',
  vscode: '.vscode/mcp.json',
  cursor: '~/.cursor/mcp.json'
}

/** Tabs of JSON snippets, one per client, each with a copy button. */
function Snippets ({ id, load }: { id: string, load: (client: Client) => Promise<unknown> }) {
  const [client, setClient] = useState<Client>('claude-desktop')
  const snippet = useResource(async () => await load(client), [client])
  return (
    <div class='snippets'>
      <div role='tablist' aria-label='Client'>
        {clients.map(([name, label]) => (
          <button
            key={name} type='button' role='tab' id={`${id}-${name}`} aria-selected={client === name} aria-controls={`${id}-panel`}
            class={client === name ? '' : 'secondary'} onClick={() => setClient(name)}
          >{label}
          </button>
        ))}
      </div>
      <div role='tabpanel' id={`${id}-panel`} aria-labelledby={`${id}-${client}`}>
        <Loaded resource={snippet} what='the snippet'>
          {(config) => {
            const text = JSON.stringify(config, null, 2)
            return (
              <>
                <p class='hint'>Add to <code>{where[client]}</code>:</p>
                <pre data-testid={`${id}-snippet`}>{text}</pre>
                <CopyButton text={text} />
              </>
            )
          }}
        </Loaded>
      </div>
    </div>
  )
}

/**
 * How to point an AI client at this install (secrets as placeholders unless asked), and at the
 * sanctuary's MCP gateway when the service offers one (it is looked up in /openapi.json).
 */
export function ClientConfigs ({ name }: { name: string }) {
  const [includeSecrets, setIncludeSecrets] = useState(false)
  const gateway = useResource(async () => await optionalJson('/api/mcp/gateway/config', { client: 'claude-desktop' }).catch(() => undefined), [])
  return (
    <section class='card' aria-labelledby='configs-title'>
      <h2 id='configs-title'>Use it from an AI client</h2>
      <label class='inline' for='include-secrets'>
        <input id='include-secrets' type='checkbox' checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.currentTarget.checked)} />
        Put my secret values in (otherwise placeholders)
      </label>
      <Snippets
        key={String(includeSecrets)} id='config' load={async (client) => await call(api.GET('/api/mcp/installed/{name}/config', {
          params: { path: { name }, query: { client, include_secrets: includeSecrets } }
        }))}
      />
      {gateway.data !== undefined && (
        <>
          <h3>Or through the sanctuary's MCP gateway</h3>
          <p class='hint'>One endpoint for every server you have running.</p>
          <Snippets id='gateway' load={async (client) => await optionalJson('/api/mcp/gateway/config', { client })} />
        </>
      )}
    </section>
  )
}
