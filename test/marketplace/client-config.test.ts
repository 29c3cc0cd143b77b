import t from 'tap'
import { tokenFor } from '../helper.js'
import { buildWithCatalog, entry } from './fixtures.js'

const catalog = [
  entry('keyed', {
    packages: [{
      registry_type: 'npm',
      identifier: '@podplay-test/keyed',
      transport: 'stdio',
      environment_variables: [
        { name: 'API_TOKEN', description: 'the API token', required: true, secret: true },
        { name: 'REGION', description: 'where', required: false, secret: false, default: 'eu' }
      ],
      package_arguments: [{ name: 'database_url', description: 'connection URL', required: true, secret: true }]
    }]
  }),
  entry('boxed', { packages: [{ registry_type: 'oci', identifier: 'ghcr.io/podplay/boxed', transport: 'stdio', environment_variables: [{ name: 'BOX_KEY', description: 'key', required: true, secret: true }] }] }),
  entry('plain', { packages: [{ registry_type: 'pypi', identifier: 'mcp-plain', transport: 'stdio' }] }),
  entry('hosted', { packages: [], remotes: [{ transport: 'streamable-http', url: 'https://mcp.example.com/mcp' }] }),
  entry('streamed', { packages: [], remotes: [{ transport: 'sse', url: 'https://mcp.example.com/sse' }] }),
  entry('io.github.acme/tool', { packages: [{ registry_type: 'npm', identifier: '@acme/tool', transport: 'stdio' }] })
]

/** How Cursor and VS Code write a reference to a value they fill in. */
const envRef = (key: string) => `\${env:${key}}`
const inputRef = (key: string) => `\${input:${key}}`

t.test('client configuration snippets, with secrets as placeholders unless asked for', async (t) => {
  const { app, auth } = await buildWithCatalog(t, catalog)
  const alice = await tokenFor(app, 'alice', ['read', 'write'])
  const install = async (name: string, payload: object) => {
    const response = await app.inject({ method: 'POST', url: `/api/mcp/servers/${encodeURIComponent(name)}/install`, headers: auth(alice), payload })
    t.equal(response.statusCode, 201, name)
  }
  const config = async (name: string, query: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/mcp/installed/${encodeURIComponent(name)}/config?${query}`, headers: auth(alice) })
    t.equal(response.statusCode, 200, `${name} ${query}`)
    return response.json()
  }
  await install('keyed', { env: { API_TOKEN: 'tok-123' }, arguments: { database_url: 'postgres://u:p@db/x' } })
  await install('boxed', { env: { BOX_KEY: 'box-456' } })
  await install('plain', {})
  await install('hosted', {})
  await install('streamed', {})
  await install('io.github.acme/tool', {})

  t.same(await config('keyed', 'client=claude-desktop'), {
    mcpServers: { keyed: { command: 'npx', args: ['-y', '@podplay-test/keyed', '<DATABASE_URL>'], env: { API_TOKEN: '<API_TOKEN>', REGION: 'eu' } } }
  })
  t.same(await config('keyed', 'client=cursor'), {
    mcpServers: { keyed: { command: 'npx', args: ['-y', '@podplay-test/keyed', envRef('DATABASE_URL')], env: { API_TOKEN: envRef('API_TOKEN'), REGION: 'eu' } } }
  })
  t.same(await config('keyed', 'client=vscode'), {
    inputs: [
      { type: 'promptString', id: 'API_TOKEN', description: 'the API token', password: true },
      { type: 'promptString', id: 'DATABASE_URL', description: 'connection URL', password: true }
    ],
    servers: { keyed: { type: 'stdio', command: 'npx', args: ['-y', '@podplay-test/keyed', inputRef('DATABASE_URL')], env: { API_TOKEN: inputRef('API_TOKEN'), REGION: 'eu' } } }
  })
  t.same(await config('keyed', 'client=vscode&include_secrets=true'), {
    servers: { keyed: { type: 'stdio', command: 'npx', args: ['-y', '@podplay-test/keyed', 'postgres://u:p@db/x'], env: { API_TOKEN: 'tok-123', REGION: 'eu' } } }
  }, 'the owner may ask for the real values')

  t.same(await config('boxed', 'client=claude-desktop'), {
    mcpServers: { boxed: { command: 'docker', args: ['run', '-i', '--rm', '-e', 'BOX_KEY', 'ghcr.io/podplay/boxed'], env: { BOX_KEY: '<BOX_KEY>' } } }
  })
  t.same(await config('plain', 'client=cursor'), { mcpServers: { plain: { command: 'uvx', args: ['mcp-plain'] } } }, 'no env when there is none')

  t.same(await config('hosted', 'client=cursor'), { mcpServers: { hosted: { url: 'https://mcp.example.com/mcp' } } })
  t.same(await config('hosted', 'client=vscode'), { servers: { hosted: { type: 'http', url: 'https://mcp.example.com/mcp' } } })
  t.same(await config('hosted', 'client=claude-desktop'), {
    mcpServers: { hosted: { command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.example.com/mcp', '--transport', 'http-only'] } }
  })
  t.same(await config('streamed', 'client=vscode'), { servers: { streamed: { type: 'sse', url: 'https://mcp.example.com/sse' } } })
  t.same(await config('streamed', 'client=claude-desktop'), {
    mcpServers: { streamed: { command: 'npx', args: ['-y', 'mcp-remote', 'https://mcp.example.com/sse', '--transport', 'sse-only'] } }
  })
  t.same(Object.keys((await config('io.github.acme/tool', 'client=cursor')).mcpServers), ['tool'], 'a registry name is keyed by its last part')

  const badClient = await app.inject({ method: 'GET', url: '/api/mcp/installed/keyed/config?client=emacs', headers: auth(alice) })
  t.equal(badClient.statusCode, 400)
  t.match(badClient.json().message, /client must be one of "claude-desktop", "vscode", "cursor"/)
  const noClient = await app.inject({ method: 'GET', url: '/api/mcp/installed/keyed/config', headers: auth(alice) })
  t.equal(noClient.statusCode, 400)
  const notMine = await app.inject({ method: 'GET', url: '/api/mcp/installed/keyed/config?client=cursor&include_secrets=true', headers: auth() })
  t.equal(notMine.statusCode, 404, 'another user (even an admin) has no such install')
})
