import { useState } from 'preact/hooks'
import { api, call, type QueryOf } from '../../api/client'
import { CopyButton } from '../../ui/copy-button'
import { Loaded } from '../../ui/states'
import { useResource } from '../../ui/use-resource'

type InstallClient = QueryOf<'/api/mcp/installed/{name}/config', 'get'>['client']
type GatewayClient = QueryOf<'/api/mcp/gateway/config', 'get'>['client']

/** What a client is told: the JSON to put into one of its files, and a command when it has one. */
interface Snippet {
  file: string
  config: unknown
  command?: string | null
}

const labels: Record<GatewayClient, string> = { 'claude-desktop': 'Claude Desktop', 'claude-code': 'Claude Code', vscode: 'VS Code', cursor: 'Cursor' }
const installClients: InstallClient[] = ['claude-desktop', 'vscode', 'cursor']
const gatewayClients: GatewayClient[] = ['claude-desktop', 'claude-code', 'vscode', 'cursor']
const installFiles: Record<InstallClient, string> = {
  'claude-desktop': 'claude_desktop_config.json',
  vscode: '.vscode/mcp.json',
  cursor: '~/.cursor/mcp.json'
}

/** Tabs of snippets, one per client, each with a copy button. */
function Snippets<C extends GatewayClient> ({ id, label, clients, load }: { id: string, label: string, clients: C[], load: (client: C) => Promise<Snippet> }) {
  const [client, setClient] = useState<C>(clients[0])
  const snippet = useResource(async () => await load(client), [client])
  return (
    <div class='snippets'>
      <div role='tablist' aria-label={label}>
        {clients.map((name) => (
          <button
            key={name} type='button' role='tab' id={`${id}-${name}`} aria-selected={client === name} aria-controls={`${id}-panel`}
            class={client === name ? '' : 'secondary'} onClick={() => setClient(name)}
          >{labels[name]}
          </button>
        ))}
      </div>
      <div role='tabpanel' id={`${id}-panel`} aria-labelledby={`${id}-${client}`}>
        <Loaded resource={snippet} what='the snippet'>
          {({ file, config, command }) => {
            const text = JSON.stringify(config, null, 2)
            return (
              <>
                {command && (
                  <>
                    <p class='hint'>Run:</p>
                    <pre data-testid={`${id}-command`}>{command}</pre>
                    <CopyButton text={command} label='Copy the command' />
                    <p class='hint'>or add to <code>{file}</code>:</p>
                  </>
                )}
                {!command && <p class='hint'>Add to <code>{file}</code>:</p>}
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

/** How to point an AI client at this install (secrets as placeholders unless asked), and at the sanctuary's MCP gateway. */
export function ClientConfigs ({ name }: { name: string }) {
  const [includeSecrets, setIncludeSecrets] = useState(false)
  return (
    <section class='card' aria-labelledby='configs-title'>
      <h2 id='configs-title'>Use it from an AI client</h2>
      <label class='inline' for='include-secrets'>
        <input id='include-secrets' type='checkbox' checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.currentTarget.checked)} />
        Put my secret values in (otherwise placeholders)
      </label>
      <Snippets
        key={String(includeSecrets)} id='config' label='Client' clients={installClients} load={async (client) => ({
          file: installFiles[client],
          config: await call(api.GET('/api/mcp/installed/{name}/config', { params: { path: { name }, query: { client, include_secrets: includeSecrets } } }))
        })}
      />
      <h3>Or through the sanctuary's MCP gateway</h3>
      <p class='hint'>One endpoint for every server you have running; the token stays a placeholder.</p>
      <Snippets
        id='gateway' label='Client for the gateway' clients={gatewayClients}
        load={async (client) => await call(api.GET('/api/mcp/gateway/config', { params: { query: { client, include_token: false } } }))}
      />
    </section>
  )
}
