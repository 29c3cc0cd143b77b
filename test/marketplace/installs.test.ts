import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { Writable } from 'node:stream'
import t from 'tap'
import { listen, once, socketClient, tokenFor } from '../helper.js'
import { buildWithCatalog, commandEntry, entry } from './fixtures.js'

const run = promisify(execFile)

const SECRET = 'ghp_very-secret-value-1234567890'

const catalog = [
  entry('keyed', {
    packages: [{
      registry_type: 'npm',
      identifier: '@podplay-test/keyed',
      version: '2.1.0',
      transport: 'stdio',
      environment_variables: [
        { name: 'API_TOKEN', description: 'the token', required: true, secret: true },
        { name: 'REGION', description: 'where', required: false, secret: false, default: 'eu' },
        { name: 'DEBUG', description: 'verbose logs', required: false, secret: false }
      ],
      package_arguments: [
        { name: 'directories', description: 'allowed directories', required: true, repeated: true },
        { name: '--mode', description: 'how', required: false, default: 'safe' },
        { name: '--verbose', description: 'a switch', required: false },
        { name: 'database_url', description: 'connection', required: false, secret: true }
      ]
    }]
  }),
  entry('python-tool', { packages: [{ registry_type: 'pypi', identifier: 'mcp-python-tool', version: '0.3.0', transport: 'stdio', package_arguments: [{ name: '--db-path', description: 'file', required: false, default: './db.sqlite' }] }] }),
  entry('boxed', { packages: [{ registry_type: 'oci', identifier: 'ghcr.io/podplay/boxed', version: '1.2.3', transport: 'stdio', environment_variables: [{ name: 'BOX_KEY', description: 'key', required: true, secret: true }] }] }),
  entry('hosted', { packages: [], remotes: [{ transport: 'streamable-http', url: 'https://mcp.example.com/mcp' }] }),
  entry('streamed', { packages: [], remotes: [{ transport: 'sse', url: 'https://mcp.example.com/sse' }] }),
  commandEntry('local', 'process.stdout.write(JSON.stringify({ args: process.argv.slice(1), fixture: process.env.PODPLAY_FIXTURE }))'),
  entry('source-only', { packages: [], repository_url: 'https://github.com/example/source-only' }),
  entry('dotnet', { packages: [{ registry_type: 'nuget', identifier: 'Example.Mcp', transport: 'stdio' }] }),
  entry('gone', { status: 'deleted' })
]

t.test('installing checks the values and answers with what was stored, never the secrets', async (t) => {
  const logs: string[] = []
  const stream = new Writable({ write (chunk, _encoding, callback) { logs.push(String(chunk)); callback() } })
  const { app, auth } = await buildWithCatalog(t, catalog, {}, { logger: { level: 'trace', stream } })
  const alice = await tokenFor(app, 'alice', ['read', 'write'])
  const install = (name: string, payload: unknown, token = alice) => app.inject({ method: 'POST', url: `/api/mcp/servers/${name}/install`, headers: auth(token), payload: payload as object })

  const missing = await install('keyed', {})
  t.equal(missing.statusCode, 400)
  t.equal(missing.json().code, 'MCP_INSTALL_VALUES')
  t.equal(missing.json().message, 'keyed needs values for: API_TOKEN (environment variable), directories (argument)')

  const unknownEnv = await install('keyed', { env: { API_TOKEN: 'x', NOPE: '1' }, arguments: { directories: ['/tmp'] } })
  t.equal(unknownEnv.statusCode, 400)
  t.match(unknownEnv.json().message, /env: keyed has no environment variable NOPE; it takes: API_TOKEN, REGION, DEBUG/)
  const unknownArgument = await install('keyed', { env: { API_TOKEN: 'x' }, arguments: { directories: '/tmp', '--nope': 'x' } })
  t.match(unknownArgument.json().message, /arguments: keyed has no argument --nope/)
  const notRepeated = await install('keyed', { env: { API_TOKEN: 'x' }, arguments: { directories: '/tmp', '--mode': ['a', 'b'] } })
  t.match(notRepeated.json().message, /arguments\/--mode: takes one value, not a list/)
  const noneTaken = await install('hosted', { env: { X: '1' } })
  t.match(noneTaken.json().message, /hosted has no environment variable X; it takes: none/)
  const badBody = await install('keyed', { env: { 'not a name': 'x' } })
  t.equal(badBody.statusCode, 400)
  t.equal((await install('keyed', { extra: true })).statusCode, 400)

  const created = await install('keyed', {
    env: { API_TOKEN: SECRET, DEBUG: '1' },
    arguments: { directories: ['/srv/a', '/srv/b'], '--verbose': '', database_url: 'postgres://user:pw-secret@db/x' },
    auto_restart: true
  })
  t.equal(created.statusCode, 201)
  const body = created.json()
  t.match(body, { name: 'keyed', transport: 'stdio', auto_restart: true, server_status: 'active', category: 'development_tools' })
  t.same(body.env, { DEBUG: '1' })
  t.same(body.arguments, { directories: ['/srv/a', '/srv/b'], '--verbose': '' })
  t.same(body.secrets_set.sort(), ['API_TOKEN', 'database_url'])

  const again = await install('keyed', { env: { API_TOKEN: 'x' }, arguments: { directories: '/tmp' } })
  t.equal(again.statusCode, 409)
  t.equal(again.json().code, 'MCP_ALREADY_INSTALLED')

  const stored = await app.db.selectFrom('mcp_installs').selectAll().executeTakeFirstOrThrow()
  t.notOk(JSON.stringify(stored).includes(SECRET), 'the secret is not stored in the clear')
  t.notOk(JSON.stringify(stored).includes('pw-secret'), 'nor a secret argument')
  t.match(stored.secret_values, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)

  for (const url of ['/api/mcp/installed', '/api/mcp/installed/keyed', '/api/mcp/servers/keyed', '/api/mcp/servers?installed=true', '/api/mcp/installed/keyed/config?client=vscode']) {
    const response = await app.inject({ method: 'GET', url, headers: auth(alice) })
    t.equal(response.statusCode, 200, url)
    t.notOk(response.payload.includes(SECRET), `${url} never shows the secret`)
  }
  t.ok(logs.length > 0)
  t.notOk(logs.join('').includes(SECRET), 'nor does the log')

  const unknown = await install('no-such-server', {})
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().code, 'MCP_SERVER_NOT_FOUND')
})

t.test('entries that cannot be run answer 422 saying why', async (t) => {
  const { app, auth } = await buildWithCatalog(t, catalog)
  const cases: Array<[string, RegExp]> = [
    ['source-only', /source-only lists no package, remote or command to run: only its source repository \(https:\/\/github.com\/example\/source-only\) is known/],
    ['dotnet', /dotnet is published only as nuget package; only npm, pypi and oci packages speaking stdio, or remotes, can be run here/],
    ['gone', /gone was deleted from its registry/]
  ]
  for (const [name, reason] of cases) {
    const response = await app.inject({ method: 'POST', url: `/api/mcp/servers/${name}/install`, headers: auth(), payload: {} })
    t.equal(response.statusCode, 422, name)
    t.equal(response.json().code, 'MCP_NOT_INSTALLABLE')
    t.match(response.json().message, reason)
    const detail = (await app.inject({ method: 'GET', url: `/api/mcp/servers/${name}`, headers: auth() })).json()
    t.equal(detail.installable, false)
    t.match(detail.not_installable_reason, reason)
  }
})

t.test('user A never sees user B\'s installs or secrets; uninstall; socket status events', async (t) => {
  const { app, auth } = await buildWithCatalog(t, catalog)
  const alice = await tokenFor(app, 'alice', ['read', 'write'])
  const bob = await tokenFor(app, 'bob', ['read', 'write'])
  const aliceId = (await app.tokens.verify(alice))!.userId
  const bobId = (await app.tokens.verify(bob))!.userId
  const url = await listen(app)
  const aliceSocket = socketClient(t, url, alice)
  const bobSocket = socketClient(t, url, bob)
  await Promise.all([once(aliceSocket, 'connected'), once(bobSocket, 'connected')])
  const bobEvents: unknown[] = []
  bobSocket.on('mcp_server_status', (event) => bobEvents.push(event))

  const installed = once<Record<string, string>>(aliceSocket, 'mcp_server_status')
  t.equal((await app.inject({ method: 'POST', url: '/api/mcp/servers/boxed/install', headers: auth(alice), payload: { env: { BOX_KEY: 'alice-key' } } })).statusCode, 201)
  t.match(await installed, { name: 'boxed', user_id: aliceId, state: 'installed' })

  t.same((await app.inject({ method: 'GET', url: '/api/mcp/installed', headers: auth(bob) })).json(), { items: [], next_cursor: null, total: 0 })
  for (const path of ['/api/mcp/installed/boxed', '/api/mcp/installed/boxed/config?client=cursor&include_secrets=true']) {
    const response = await app.inject({ method: 'GET', url: path, headers: auth(bob) })
    t.equal(response.statusCode, 404, path)
    t.equal(response.json().code, 'MCP_NOT_INSTALLED')
  }
  const bobUninstall = await app.inject({ method: 'DELETE', url: '/api/mcp/servers/boxed/install', headers: auth(bob) })
  t.equal(bobUninstall.statusCode, 404, 'bob cannot uninstall alice\'s')
  await t.rejects(app.marketplace.launchSpec(bobId, 'boxed'), { code: 'MCP_NOT_INSTALLED', statusCode: 404 })

  const bobInstalled = once(bobSocket, 'mcp_server_status')
  t.equal((await app.inject({ method: 'POST', url: '/api/mcp/servers/boxed/install', headers: auth(bob), payload: { env: { BOX_KEY: 'bob-key' } } })).statusCode, 201)
  await bobInstalled
  t.same((await app.marketplace.launchSpec(aliceId, 'boxed') as { env: object }).env, { BOX_KEY: 'alice-key' })
  t.same((await app.marketplace.launchSpec(bobId, 'boxed') as { env: object }).env, { BOX_KEY: 'bob-key' })

  // A sealed value moved to another user's row does not open there.
  const aliceRow = await app.db.selectFrom('mcp_installs').select('secret_values').where('user_id', '=', aliceId).executeTakeFirstOrThrow()
  await app.db.updateTable('mcp_installs').set({ secret_values: aliceRow.secret_values }).where('user_id', '=', bobId).execute()
  await t.rejects(app.marketplace.launchSpec(bobId, 'boxed'))

  const uninstalled = once<Record<string, string>>(aliceSocket, 'mcp_server_status')
  t.equal((await app.inject({ method: 'DELETE', url: '/api/mcp/servers/boxed/install', headers: auth(alice) })).statusCode, 204)
  t.match(await uninstalled, { name: 'boxed', user_id: aliceId, state: 'uninstalled' })
  t.equal((await app.inject({ method: 'DELETE', url: '/api/mcp/servers/boxed/install', headers: auth(alice) })).statusCode, 404)
  t.equal((await app.inject({ method: 'GET', url: '/api/mcp/installed', headers: auth(alice) })).json().total, 0)
  t.same(bobEvents.map((event) => (event as { state: string }).state), ['installed'], 'bob heard only his own install')
})

t.test('installed servers page by name', async (t) => {
  const { app, auth } = await buildWithCatalog(t, catalog)
  for (const name of ['python-tool', 'hosted', 'streamed', 'local']) {
    t.equal((await app.inject({ method: 'POST', url: `/api/mcp/servers/${name}/install`, headers: auth(), payload: {} })).statusCode, 201)
  }
  const first = (await app.inject({ method: 'GET', url: '/api/mcp/installed?limit=3', headers: auth() })).json()
  t.same(first.items.map((item: { name: string }) => item.name), ['hosted', 'local', 'python-tool'])
  t.equal(first.total, 4)
  t.same(first.items.map((item: { transport: string }) => item.transport), ['streamable-http', 'stdio', 'stdio'])
  const second = (await app.inject({ method: 'GET', url: `/api/mcp/installed?limit=3&cursor=${first.next_cursor}`, headers: auth() })).json()
  t.same(second.items.map((item: { name: string }) => item.name), ['streamed'])
  t.equal(second.next_cursor, null)
  const bad = await app.inject({ method: 'GET', url: '/api/mcp/installed?cursor=xyz', headers: auth() })
  t.equal(bad.json().code, 'INVALID_CURSOR')
})

t.test('launch specs for every kind of entry', async (t) => {
  const { app } = await buildWithCatalog(t, catalog)
  const carol = (await app.tokens.ensureUser('carol')).id
  const market = app.marketplace

  await market.install(carol, 'keyed', { env: { API_TOKEN: SECRET }, arguments: { directories: ['/a', '/b'], '--verbose': '', database_url: 'postgres://db' } })
  t.same(await market.launchSpec(carol, 'keyed'), {
    transport: 'stdio',
    command: 'npx',
    args: ['-y', '@podplay-test/keyed@2.1.0', '/a', '/b', '--mode=safe', '--verbose', 'postgres://db'],
    env: { API_TOKEN: SECRET, REGION: 'eu' }
  }, 'npm: pinned version, repeated and positional arguments, a switch, defaults filled, secrets opened')

  await market.install(carol, 'python-tool')
  t.same(await market.launchSpec(carol, 'python-tool'), { transport: 'stdio', command: 'uvx', args: ['mcp-python-tool@0.3.0', '--db-path=./db.sqlite'], env: {} })

  await market.install(carol, 'boxed', { env: { BOX_KEY: 'k' } })
  t.same(await market.launchSpec(carol, 'boxed'), { transport: 'stdio', command: 'docker', args: ['run', '-i', '--rm', '-e', 'BOX_KEY', 'ghcr.io/podplay/boxed:1.2.3'], env: { BOX_KEY: 'k' } }, 'docker reads the value from its environment')

  await market.install(carol, 'hosted')
  t.same(await market.launchSpec(carol, 'hosted'), { transport: 'streamable-http', url: 'https://mcp.example.com/mcp', headers: {} })

  await market.install(carol, 'local')
  const local = await market.launchSpec(carol, 'local')
  t.equal(local.transport, 'stdio')
  if (local.transport !== 'stdio') return
  const { stdout } = await run(local.command, local.args, { env: { PATH: process.env.PATH, ...local.env } })
  t.same(JSON.parse(stdout), { args: [], fixture: 'local' }, 'the spec of a local command really runs')

  await t.rejects(market.launchSpec(carol, 'streamed'), { code: 'MCP_NOT_INSTALLED' })
})

t.test('a catalog change that needs a new value stops the launch until reinstalled', async (t) => {
  const { app } = await buildWithCatalog(t, catalog)
  const user = (await app.tokens.ensureUser('dave')).id
  await app.marketplace.install(user, 'python-tool')
  const newer = entry('python-tool', {
    version: '1.1.0',
    packages: [{ registry_type: 'pypi', identifier: 'mcp-python-tool', transport: 'stdio', environment_variables: [{ name: 'NEW_KEY', description: 'now needed', required: true, secret: true }] }]
  })
  await app.marketplace.importCatalog({ version: '1', last_updated: '2025-02-02', description: 'update', servers: [newer] })
  await t.rejects(app.marketplace.launchSpec(user, 'python-tool'), { code: 'MCP_NOT_INSTALLABLE', message: /python-tool now needs values for: NEW_KEY \(environment variable\); uninstall it and install it again/ })

  await app.marketplace.importCatalog({ version: '1', last_updated: '2025-02-03', description: 'gone', servers: [{ ...newer, version: '1.2.0', status: 'deleted' }] })
  await t.rejects(app.marketplace.launchSpec(user, 'python-tool'), { code: 'MCP_NOT_INSTALLABLE', message: /was deleted/ })
  t.equal((await app.marketplace.getInstall(user, 'python-tool')).server_status, 'deleted', 'the install is still listed, marked')
})
