import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { tokenFor } from '../helper.js'
import { buildWithCatalog, catalogDocument, entry, seedFile } from './fixtures.js'

const OFFICIAL = 'io.modelcontextprotocol.registry/official'

const weather = (version: string, updatedAt: string) => ({
  server: {
    $schema: 'https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json',
    name: 'io.github.acme/weather',
    description: 'Weather forecasts and alerts for any city',
    version,
    repository: { url: 'https://github.com/acme/weather', source: 'github' },
    packages: [{
      registryType: 'npm',
      identifier: '@acme/weather-mcp',
      version,
      transport: { type: 'stdio' },
      runtimeHint: 'npx',
      environmentVariables: [{ name: 'WEATHER_API_KEY', description: 'API key', isRequired: true, isSecret: true }],
      packageArguments: [
        { type: 'named', name: '--units', default: 'metric', isRequired: false },
        { type: 'positional', valueHint: 'city', description: 'the city', isRequired: true }
      ]
    }]
  },
  _meta: { [OFFICIAL]: { status: 'active', publishedAt: updatedAt, updatedAt, isLatest: version === '1.1.0' } }
})

const registryList = {
  servers: [
    weather('1.0.0', '2025-09-02T10:00:00Z'),
    weather('1.1.0', '2025-10-01T08:00:00Z'),
    { server: { name: 'io.github.acme/old-sql', description: 'An old SQL database tool', version: '0.1.0', packages: [{ registryType: 'pypi', identifier: 'acme-old-sql', version: '0.1.0', transport: { type: 'stdio' } }] }, _meta: { [OFFICIAL]: { status: 'deprecated' } } },
    { server: { name: 'io.github.acme/spam', description: 'spam', version: '0.0.1', remotes: [{ type: 'streamable-http', url: 'https://spam.example.com/mcp' }] }, _meta: { [OFFICIAL]: { status: 'deleted' } } },
    { server: { name: 'bad name with spaces', description: 'x', version: '1' }, _meta: {} },
    'not an entry'
  ],
  metadata: { nextCursor: null, count: 6 }
}

function addsUp (t: Test, report: { total: number, imported: number, updated: number, unchanged: number, rejected: unknown[] }) {
  t.equal(report.imported + report.updated + report.unchanged + report.rejected.length, report.total, 'the counts add up to the entries given')
}

t.test('(a) an MCP Registry list: versions, statuses, bad entries, category inference', async (t) => {
  const { app, auth } = await buildWithCatalog(t, [entry('existing')])
  const post = (payload: unknown, token?: string) => app.inject({ method: 'POST', url: '/api/mcp/catalog/import', headers: { ...auth(token), 'content-type': 'application/json' }, payload: JSON.stringify(payload) })

  const response = await post(registryList)
  t.equal(response.statusCode, 200)
  const report = response.json()
  t.match(report, { format: 'registry-list', total: 6, imported: 3, updated: 1, unchanged: 0 })
  t.same(report.rejected, [
    { index: 4, name: 'bad name with spaces', reason: 'name: expected string to match \'^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)?$\'' },
    { index: 5, reason: '(entry): expected {server, _meta}' }
  ])
  addsUp(t, report)

  const server = (await app.inject({ method: 'GET', url: `/api/mcp/servers/${encodeURIComponent('io.github.acme/weather')}`, headers: auth() })).json()
  t.match(server, { version: '1.1.0', title: 'Weather', category: 'web_apis', category_inferred: true, last_updated: '2025-10-01', status: 'active', repository_url: 'https://github.com/acme/weather', installable: true })
  t.equal((await app.inject({ method: 'GET', url: '/api/mcp/servers?query=weather', headers: auth() })).json().items[0].name, 'io.github.acme/weather', 'searchable at once')
  t.equal((await app.inject({ method: 'GET', url: '/api/mcp/servers/io.github.acme%2Fold-sql', headers: auth() })).json().status, 'deprecated')
  t.equal((await app.inject({ method: 'GET', url: '/api/mcp/servers/io.github.acme%2Fold-sql', headers: auth() })).json().category, 'database')
  t.equal((await app.inject({ method: 'GET', url: '/api/mcp/servers?query=spam', headers: auth() })).json().total, 0, 'a deleted server is not listed')

  const userId = (await app.tokens.ensureUser('admin')).id
  await app.marketplace.install(userId, 'io.github.acme/weather', { env: { WEATHER_API_KEY: 'k' }, arguments: { city: 'Paris' } })
  t.same(await app.marketplace.launchSpec(userId, 'io.github.acme/weather'), {
    transport: 'stdio', command: 'npx', args: ['-y', '@acme/weather-mcp@1.1.0', '--units=metric', 'Paris'], env: { WEATHER_API_KEY: 'k' }
  })

  const again = (await post(registryList)).json()
  t.match(again, { imported: 0, updated: 0, unchanged: 4 }, 'the same document again changes nothing; the older version never replaces the newer')
  addsUp(t, again)
  const deleted = (await post({ servers: [{ ...weather('1.1.0', '2025-10-05T00:00:00Z'), _meta: { [OFFICIAL]: { status: 'deleted', updatedAt: '2025-10-05T00:00:00Z' } } }] })).json()
  t.match(deleted, { updated: 1 }, 'a status change of the same version is an update')
  t.equal((await app.inject({ method: 'GET', url: '/api/mcp/servers?query=weather', headers: auth() })).json().total, 0)
  await t.rejects(app.marketplace.launchSpec(userId, 'io.github.acme/weather'), { code: 'MCP_NOT_INSTALLABLE' })

  const reader = await tokenFor(app, 'reader', ['read', 'write'])
  t.equal((await post(registryList, reader)).statusCode, 403, 'importing needs the admin scope')
  t.equal((await post({ servers: [] })).json().total, 0)
  for (const document of [{ foo: 1 }, 'a string', { servers: [1, 2] }]) {
    const refused = await post(document)
    t.equal(refused.statusCode, 400)
    t.equal(refused.json().code, 'MCP_CATALOG_FORMAT')
    t.match(refused.json().message, /expected an MCP Registry list/)
  }
})

t.test('(b) an array of server.json: unsupported packages, remotes, bad entries, curated fields kept', async (t) => {
  const { app, auth } = await buildWithCatalog(t, [entry('io.github.acme/curated', { category: 'database', tags: ['sql', 'curated'], popularity_score: 77, is_official: true, capabilities: ['query'] })])
  const report = await app.marketplace.importCatalog([
    { name: 'io.github.acme/dotnet', description: 'C# tools', version: '2.0.0', packages: [{ registryType: 'nuget', identifier: 'Acme.Mcp', version: '2.0.0', transport: { type: 'stdio' } }] },
    { name: 'io.github.acme/remote-only', title: 'Acme Remote', description: 'Monitoring dashboards and alerts', version: '1.0.0', websiteUrl: 'https://acme.example.com', remotes: [{ type: 'sse', url: 'https://acme.example.com/sse' }] },
    { description: 'no name' },
    { name: 'io.github.acme/badpkg', description: 'x', version: '1.0.0', packages: [{ registryType: 'npm', identifier: 'Bad_Name', transport: { type: 'stdio' } }] },
    { name: 'io.github.acme/http-package', description: 'x', version: '1.0.0', packages: [{ registryType: 'npm', identifier: 'http-thing', transport: { type: 'streamable-http', url: 'http://localhost:8080/mcp' } }] },
    { name: 'io.github.acme/curated', description: 'A newer release', version: '2.0.0', packages: [{ registryType: 'oci', identifier: 'ghcr.io/acme/curated', version: '2.0.0', transport: { type: 'stdio' } }] }
  ])
  t.match(report, { format: 'server-json', total: 6, imported: 3, updated: 1, unchanged: 0 })
  t.same(report.rejected.map((rejection) => [rejection.index, rejection.reason]), [
    [2, 'name: a server.json needs a name'],
    [3, 'packages/0/identifier: "Bad_Name" is not an npm package name such as @scope/name']
  ])
  addsUp(t, report)

  const dotnet = await app.inject({ method: 'POST', url: '/api/mcp/servers/io.github.acme%2Fdotnet/install', headers: auth(), payload: {} })
  t.equal(dotnet.statusCode, 422)
  t.match(dotnet.json().message, /published only as nuget package/)
  const httpPackage = await app.marketplace.getServer('io.github.acme/http-package')
  t.match(httpPackage.not_installable_reason, /npm package serving streamable-http/)
  const remote = await app.marketplace.getServer('io.github.acme/remote-only')
  t.match(remote, { title: 'Acme Remote', homepage_url: 'https://acme.example.com', category: 'monitoring', transports: ['sse'], installable: true })

  const curated = await app.marketplace.getServer('io.github.acme/curated')
  t.match(curated, { version: '2.0.0', description: 'A newer release', category: 'database', category_inferred: false, tags: ['sql', 'curated'], popularity_score: 77, is_official: true, capabilities: ['query'] }, 'what a registry does not publish is kept')
})

t.test('(c) the registry\'s legacy seed: 471 real entries', async (t) => {
  const { app, auth } = await buildWithCatalog(t, [entry('existing')])
  const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as Array<{ name: string, packages?: Array<{ registry_name: string }> }>
  t.equal(seed.length, 471)
  const response = await app.inject({ method: 'POST', url: '/api/mcp/catalog/import', headers: auth(), payload: seed })
  t.equal(response.statusCode, 200)
  const report = response.json()
  t.match(report, { format: 'legacy-seed', total: 471, imported: 444, updated: 0, unchanged: 0 })
  addsUp(t, report)
  t.equal(report.rejected.filter((rejection: { reason: string }) => rejection.reason === 'name: the entry has no name').length, 7)
  t.ok(report.rejected.every((rejection: { index: number, reason: string }) => Number.isInteger(rejection.index) && rejection.reason.length > 0))

  const sourceOnly = seed.find((server) => server.packages?.every((pkg) => pkg.registry_name === 'unknown') && server.name)!
  const listed = await app.marketplace.getServer(sourceOnly.name)
  t.equal(listed.installable, false)
  t.equal(listed.category_inferred, true)
  const install = await app.inject({ method: 'POST', url: `/api/mcp/servers/${encodeURIComponent(sourceOnly.name)}/install`, headers: auth(), payload: {} })
  t.equal(install.statusCode, 422)
  t.match(install.json().message, /lists no package, remote or command to run: only its source repository/)

  const magic = (await app.inject({ method: 'GET', url: '/api/mcp/servers?query=magic', headers: auth() })).json()
  t.equal(magic.items[0].name, 'io.github.21st-dev/magic-mcp')
  const counted = (await app.inject({ method: 'GET', url: '/api/mcp/categories', headers: auth() })).json()
  t.equal(counted.total_servers, 445)

  const docker = await app.marketplace.getServer('io.github.its-dart/dart-mcp-server')
  t.same(docker.packages.map((pkg) => [pkg.registry_type, pkg.identifier, pkg.package_arguments]), [['oci', 'dart-mcp-server', undefined]], 'docker flags are not kept as arguments')
  const repeated = await app.marketplace.getServer('io.github.datastrato/mcp-server-gravitino')
  t.match(repeated.install_inputs.package_arguments.find((argument) => argument.name === '--with'), { repeated: true, default: ['fastmcp', 'httpx', 'mcp-server-gravitino'] })
})

t.test('(d) our own format: per-entry validation and a checked envelope', async (t) => {
  const { app, auth } = await buildWithCatalog(t, [entry('existing')])
  const report = await app.marketplace.importCatalog(catalogDocument([entry('fresh', { category: undefined, description: 'Slack messages and channels' }), entry('broken', { status: 'lost' }), entry('existing')]))
  t.match(report, { format: 'podplay-catalog', total: 3, imported: 1, unchanged: 1 })
  t.same(report.rejected, [{ index: 1, name: 'broken', reason: 'status: must be one of "active", "deprecated", "deleted"' }])
  t.match(await app.marketplace.getServer('fresh'), { category: 'communication', category_inferred: true })

  const mismatch = await app.inject({ method: 'POST', url: '/api/mcp/catalog/import', headers: auth(), payload: { ...catalogDocument([entry('x')]), total_servers: 3 } })
  t.equal(mismatch.statusCode, 400)
  t.match(mismatch.json().message, /total_servers: says 3/)
  const badEnvelope = await app.inject({ method: 'POST', url: '/api/mcp/catalog/import', headers: auth(), payload: { version: '1', servers: [] } })
  t.equal(badEnvelope.statusCode, 400)
  t.match(badEnvelope.json().message, /catalog last_updated/)
})

t.test('a large document is accepted, and a failed write leaves nothing half-written', async (t) => {
  const { app, auth } = await buildWithCatalog(t, [entry('existing')])
  const many = Array.from({ length: 2500 }, (_, i) => entry(`bulk-${i}`, { description: `Bulk server ${i} ${'with a long description '.repeat(20)}` }))
  const body = JSON.stringify(catalogDocument(many))
  t.ok(body.length > 1_048_576, 'larger than the default body limit')
  const large = await app.inject({ method: 'POST', url: '/api/mcp/catalog/import', headers: { ...auth(), 'content-type': 'application/json' }, payload: body })
  t.equal(large.statusCode, 200)
  t.equal(large.json().imported, 2500)

  await sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON mcp_servers WHEN NEW.name = 'boom' BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END`.execute(app.db)
  const doomed = [...Array.from({ length: 250 }, (_, i) => entry(`doomed-${i}`)), entry('boom')]
  const failed = await app.inject({ method: 'POST', url: '/api/mcp/catalog/import', headers: auth(), payload: catalogDocument(doomed) })
  t.equal(failed.statusCode, 500)
  const written = await app.db.selectFrom('mcp_servers').select('name').where('name', 'like', 'doomed-%').execute()
  t.equal(written.length, 0, 'the transaction rolled back every entry')
  t.equal((await app.inject({ method: 'GET', url: '/api/mcp/servers?query=doomed', headers: auth() })).json().total, 0)

  const later = await app.marketplace.importCatalog(catalogDocument([entry('after-failure')]))
  t.equal(later.imported, 1, 'a failed import does not block the next')
})

t.test('the unusual corners of server.json and the legacy format', async (t) => {
  const { app } = await buildWithCatalog(t, [entry('existing')])
  const fromServerJson = await app.marketplace.importCatalog([{
    name: 'io.github.acme/edge',
    description: 'edge cases',
    version: '1.0.0',
    packages: [{
      registryType: 'PyPI',
      identifier: 'acme-edge',
      transport: { type: 'stdio' },
      packageArguments: [
        { type: 'named', name: 'port', value: '8080' },
        { type: 'positional' },
        { type: 'positional', valueHint: '--weird', isRepeated: true, isSecret: true, description: 'odd' }
      ]
    }],
    remotes: [{ type: 'http', url: 'https://edge.example.com/mcp' }]
  }])
  t.match(fromServerJson, { imported: 1, rejected: [] })
  const edge = await app.marketplace.getServer('io.github.acme/edge')
  t.same(edge.install_inputs.package_arguments, [
    { name: '--port', description: '', required: false, default: '8080' },
    { name: 'argument_2', description: '', required: false },
    { name: 'weird', description: 'odd', required: false, repeated: true, secret: true }
  ])
  t.same(edge.remotes, [{ transport: 'streamable-http', url: 'https://edge.example.com/mcp' }])

  const fromLegacy = await app.marketplace.importCatalog([{
    id: 'x',
    name: 'io.github.x/legacy-edge',
    description: '',
    repository: { url: 'https://github.com/x/legacy-edge', source: 'github', id: '1' },
    version_detail: { version: '1.0.0', release_date: '2025-05-16T00:00:00Z', is_latest: true },
    packages: [{
      registry_name: 'npm',
      name: 'legacy-edge',
      version: '',
      package_arguments: [
        { type: 'named', name: '--api-key=YOUR_KEY', is_required: true },
        { type: 'named', value: '-s' },
        { type: 'positional', value: 'run' }
      ],
      environment_variables: [{ name: 'LEGACY_TOKEN', description: 'tok' }, { name: 'REGION', description: 'r' }]
    }],
    remotes: [{ transport_type: '', url: 'http://localhost:9000/sse' }]
  }, 42])
  t.match(fromLegacy, { format: 'legacy-seed', imported: 1, rejected: [{ index: 1, reason: '(entry): expected an object' }] })
  const legacy = await app.marketplace.getServer('io.github.x/legacy-edge')
  t.match(legacy, { title: 'Legacy Edge', last_updated: '2025-05-16', version: '1.0.0', remotes: [{ transport: 'sse', url: 'http://localhost:9000/sse' }] })
  t.same(legacy.install_inputs.package_arguments, [
    { name: '--api-key', description: '', required: true, default: 'YOUR_KEY' },
    { name: '-s', description: '', required: false, default: '' },
    { name: 'argument_3', description: '', required: false, default: 'run' }
  ])
  t.same(legacy.install_inputs.environment_variables.map((variable) => [variable.name, variable.required, variable.secret]), [['LEGACY_TOKEN', true, true], ['REGION', true, false]])
  const user = (await app.tokens.ensureUser('admin')).id
  await app.marketplace.install(user, 'io.github.x/legacy-edge', { env: { LEGACY_TOKEN: 't', REGION: 'eu' } })
  t.same(await app.marketplace.launchSpec(user, 'io.github.x/legacy-edge'), {
    transport: 'stdio', command: 'npx', args: ['-y', 'legacy-edge', '--api-key=YOUR_KEY', '-s', 'run'], env: { LEGACY_TOKEN: 't', REGION: 'eu' }
  })
})
