import type { GatewayClient, GatewayConfig } from '../../schemas/mcp-gateway.js'

export interface SnippetOptions {
  client: GatewayClient
  /** The gateway's URL as the client will reach it, with ?profile= and ?tools= when asked. */
  url: string
  /** The token to put in; undefined: the client's own placeholder for it. */
  token?: string
  profile?: string
}

const TOKEN_VARIABLE = 'PODPLAY_TOKEN'
const VSCODE_INPUT = 'podplay-token'
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])
// eslint-disable-next-line no-template-curly-in-string -- mcp-remote fills ${AUTH_HEADER} in from its environment
const MCP_REMOTE_HEADER = 'Authorization:${AUTH_HEADER}'

/** How each client writes "the token goes here" when the snippet does not carry it, and what to do about it. */
const placeholder: Record<GatewayClient, { marker: string, note: string }> = {
  // Claude Desktop substitutes nothing: the user replaces the marker by hand.
  'claude-desktop': { marker: `<${TOKEN_VARIABLE}>`, note: `Replace <${TOKEN_VARIABLE}> with a Podplay token.` },
  'claude-code': { marker: `\${${TOKEN_VARIABLE}}`, note: `Set ${TOKEN_VARIABLE} to a Podplay token where Claude Code runs: it expands \${${TOKEN_VARIABLE}}.` },
  vscode: { marker: `\${input:${VSCODE_INPUT}}`, note: 'VS Code asks for the token the first time it starts the server, and keeps it.' },
  cursor: { marker: `\${env:${TOKEN_VARIABLE}}`, note: `Set ${TOKEN_VARIABLE} to a Podplay token where Cursor runs: it expands \${env:${TOKEN_VARIABLE}}.` }
}

const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`

/**
 * The one snippet that points a client at the gateway: Streamable HTTP with the bearer header, or,
 * for Claude Desktop, whose config file starts only local processes, `npx mcp-remote` bridging the
 * gateway to stdio.
 */
export function gatewaySnippet ({ client, url, token, profile }: SnippetOptions): GatewayConfig {
  const key = profile ? `podplay-sanctuary-${profile}` : 'podplay-sanctuary'
  const bearer = `Bearer ${token ?? placeholder[client].marker}`
  const notes = [token ? 'The snippet carries your token: keep the file private.' : placeholder[client].note, 'Tools need a token with the write scope; a read-only token lists and reads.']
  if (client === 'claude-desktop') {
    const insecure = new URL(url).protocol === 'http:' && !LOOPBACK.has(new URL(url).hostname)
    return {
      client,
      url,
      file: 'claude_desktop_config.json (Settings → Developer → Edit Config)',
      // mcp-remote's documented header form: no space after the colon, the value from env (spaces split arguments on Windows).
      config: { mcpServers: { [key]: { command: 'npx', args: ['-y', 'mcp-remote', url, '--header', MCP_REMOTE_HEADER, ...(insecure ? ['--allow-http'] : [])], env: { AUTH_HEADER: bearer } } } },
      command: null,
      notes: [...notes, 'Claude Desktop starts local processes only: mcp-remote (from npm, needs Node) bridges the gateway to stdio.']
    }
  }
  const headers = { Authorization: bearer }
  if (client === 'claude-code') {
    const shellBearer = token ? bearer : `Bearer $${TOKEN_VARIABLE}`
    return {
      client,
      url,
      file: '.mcp.json in the project (or use the command)',
      config: { mcpServers: { [key]: { type: 'http', url, headers } } },
      command: `claude mcp add --transport http ${key} ${shellQuote(url)} --header "Authorization: ${shellBearer}"`,
      notes
    }
  }
  if (client === 'vscode') {
    return {
      client,
      url,
      file: '.vscode/mcp.json in the workspace (or the user configuration: MCP: Open User Configuration)',
      config: {
        ...(token ? {} : { inputs: [{ type: 'promptString', id: VSCODE_INPUT, description: 'Podplay Sanctuary token', password: true }] }),
        servers: { [key]: { type: 'http', url, headers } }
      },
      command: null,
      notes
    }
  }
  return { client, url, file: '~/.cursor/mcp.json (or .cursor/mcp.json in the project)', config: { mcpServers: { [key]: { url, headers } } }, command: null, notes }
}
