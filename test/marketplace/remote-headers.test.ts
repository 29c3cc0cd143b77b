import t from 'tap'
import { tokenFor } from '../helper.js'
import { startHttpFixture } from '../mcp-runtime/fixtures/http-server.js'
import { buildMarket } from './fixtures.js'

const SECRET = 'Bearer sk-header-secret-0123456789'
/** A client's ${kind:KEY} placeholder, written without tripping the template-string lint. */
const placeholder = (kind: string, key: string) => `\${${kind}:${key}}`

/** A current server.json whose remote reads two headers, as the MCP Registry lists them. */
function serverJson (url: string) {
  return {
    name: 'io.github.podplay/headed',
    description: 'A remote that reads headers',
    version: '1.0.0',
    remotes: [{
      type: 'streamable-http',
      url,
      headers: [
        { name: 'X-Podplay-Test', description: 'Your API key', isRequired: true, isSecret: true, value: 'Bearer {api_key}' },
        { name: 'X-Region', description: 'Where to run', value: 'eu' }
      ]
    }]
  }
}

t.test('a registry remote\'s headers are install values: checked, sealed when secret, sent to the server', async (t) => {
  const remote = await startHttpFixture()
  t.teardown(() => remote.close())
  const { app, auth } = await buildMarket(t)
  const alice = await tokenFor(app, 'alice', ['read', 'write'])
  const aliceId = (await app.tokens.verify(alice))!.userId
  const name = encodeURIComponent('io.github.podplay/headed')

  const report = await app.marketplace.importCatalog([serverJson(remote.url)])
  t.equal(report.imported, 1, JSON.stringify(report.rejected))
  t.same(app.marketplace.catalog.server('io.github.podplay/headed').entry.remotes![0].headers, [
    { name: 'X-Podplay-Test', description: 'Your API key (format: Bearer {api_key})', required: true, secret: true },
    { name: 'X-Region', description: 'Where to run', required: false, secret: false, default: 'eu' }
  ], 'a templated value becomes the format in the description; a plain one the default')
  const shown = await app.inject({ method: 'GET', url: `/api/mcp/servers/${name}`, headers: auth(alice) })
  t.same(shown.json().install_inputs.headers.map((header: { name: string }) => header.name), ['X-Podplay-Test', 'X-Region'], 'GET /api/mcp/servers/{name} says which headers an install takes')

  const install = (payload: unknown) => app.inject({ method: 'POST', url: `/api/mcp/servers/${name}/install`, headers: auth(alice), payload: payload as object })
  const missing = await install({})
  t.equal(missing.statusCode, 400)
  t.match(missing.json().message, /needs values for: X-Podplay-Test \(header\)/)
  const unknown = await install({ headers: { 'X-Podplay-Test': SECRET, 'X-Nope': '1' } })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.json().message, /headers: io\.github\.podplay\/headed has no header X-Nope; it takes: X-Podplay-Test, X-Region/)

  const installed = await install({ headers: { 'X-Podplay-Test': SECRET } })
  t.equal(installed.statusCode, 201, installed.payload)
  t.match(installed.json(), { headers: {}, secrets_set: ['X-Podplay-Test'] })
  t.notOk(installed.payload.includes(SECRET), 'the secret header is never shown')
  t.same(await app.marketplace.launchSpec(aliceId, 'io.github.podplay/headed'), {
    transport: 'streamable-http', url: remote.url, headers: { 'X-Podplay-Test': SECRET, 'X-Region': 'eu' }
  })

  const runtime = (method: 'POST', path: string, payload?: object) => app.inject({ method, url: `/api/mcp/installed/${name}/${path}`, headers: auth(alice), payload })
  t.equal((await runtime('POST', 'start')).json().state, 'running')
  const echoed = await runtime('POST', 'tools/header/call', { arguments: { name: 'x-podplay-test' } })
  t.equal(echoed.json().content[0].text, SECRET, 'the server received the header')
  t.equal((await runtime('POST', 'stop')).json().state, 'stopped')

  const updated = await app.inject({ method: 'PATCH', url: `/api/mcp/installed/${name}`, headers: auth(alice), payload: { headers: { 'X-Region': 'us' } } })
  t.match(updated.json(), { headers: { 'X-Region': 'us' }, secrets_set: ['X-Podplay-Test'] })
  t.match(await app.marketplace.launchSpec(aliceId, 'io.github.podplay/headed'), { headers: { 'X-Podplay-Test': SECRET, 'X-Region': 'us' } })

  const config = async (client: string) => (await app.inject({ method: 'GET', url: `/api/mcp/installed/${name}/config?client=${client}`, headers: auth(alice) })).json()
  t.same(await config('vscode'), {
    inputs: [{ type: 'promptString', id: 'X_PODPLAY_TEST', description: 'Your API key (format: Bearer {api_key})', password: true }],
    servers: { headed: { type: 'http', url: remote.url, headers: { 'X-Podplay-Test': placeholder('input', 'X_PODPLAY_TEST'), 'X-Region': 'us' } } }
  })
  t.same(await config('cursor'), { mcpServers: { headed: { url: remote.url, headers: { 'X-Podplay-Test': placeholder('env', 'X_PODPLAY_TEST'), 'X-Region': 'us' } } } })
  t.same(await config('claude-desktop'), {
    mcpServers: { headed: { command: 'npx', args: ['-y', 'mcp-remote', remote.url, '--transport', 'http-only', '--header', 'X-Podplay-Test:<X_PODPLAY_TEST>', '--header', 'X-Region:us'] } }
  })
})
