import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { Value } from '@sinclair/typebox/value'
import { buildApp } from '../../app.js'
import { loadConfig, projectRoot } from '../../plugins/config.js'
import { CatalogDocument, catalogJsonSchema, categoryNames } from '../../schemas/catalog.js'
import { ADMIN_TOKEN, tempDir } from '../helper.js'
import { buildMarket, catalogDocument, entry, writeCatalog } from './fixtures.js'

const bundledFile = join(projectRoot, 'data', 'mcp_servers.json')

t.test('the bundled catalog: 40 real servers, valid against its JSON Schema, loaded at start', async (t) => {
  const document = JSON.parse(readFileSync(bundledFile, 'utf8'))
  t.ok(Value.Check(CatalogDocument, document), 'the file matches the schema')
  t.equal(document.servers.length, 40)
  t.equal(document.total_servers, 40)
  t.match(document.metadata.popularity_source, /\w+/, 'the popularity source is stated')
  for (const server of document.servers) {
    t.ok(categoryNames.includes(server.category), `${server.name} has one of the twelve categories`)
    t.ok(server.packages.length > 0 || server.remotes?.length > 0, `${server.name} says how to run it`)
  }

  const { app, auth } = await buildMarket(t)
  t.equal(app.marketplace.catalog.index.size, 40)
  const categories = await app.inject({ method: 'GET', url: '/api/mcp/categories', headers: auth() })
  t.equal(categories.statusCode, 200)
  t.equal(categories.json().total_servers, 40)
  t.same(categories.json().categories.map((category: { name: string }) => category.name), categoryNames)
  t.equal(categories.json().categories.reduce((sum: number, category: { count: number }) => sum + category.count, 0), 40)

  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.json().services.marketplace.status, 'up')
  t.equal(ready.json().services.marketplace.detail, '40 servers indexed')
})

t.test('data/mcp_servers.schema.json is the schema generated from schemas/catalog.ts', async (t) => {
  const committed = JSON.parse(readFileSync(join(projectRoot, 'data', 'mcp_servers.schema.json'), 'utf8'))
  t.same(committed, catalogJsonSchema(), 'regenerate it with: npx tsx cli.ts catalog schema > data/mcp_servers.schema.json')
})

async function startError (t: Test, catalog: unknown): Promise<string> {
  return await startFailure(t, writeCatalog(t, catalog))
}

/** Builds the app on a catalog file; the error message when the start fails. */
async function startFailure (t: Test, catalogFile: string): Promise<string> {
  const config = loadConfig({ PODPLAY_DATA_DIR: tempDir(t), PODPLAY_ADMIN_TOKEN: ADMIN_TOKEN, PODPLAY_CATALOG: catalogFile })
  try {
    const app = await buildApp({ config, logger: false })
    t.teardown(() => app.close())
    await app.ready()
  } catch (error) {
    return (error as Error).message
  }
  return 'started'
}

t.test('a bad catalog stops the start with a message naming the entry and the field', async (t) => {
  const badRegistry = catalogDocument([entry('good'), entry('bad', { packages: [{ registry_type: 'apt', identifier: 'x', transport: 'stdio' }] })])
  t.match(await startError(t, badRegistry), /entry 1 \("bad"\): packages\/0\/registry_type: must be one of "npm", "pypi", "oci"/)

  t.match(await startError(t, catalogDocument([entry('a'), entry('no-title', { title: undefined })])), /entry 1 \("no-title"\): title: expected required property/)
  t.match(await startError(t, catalogDocument([entry('a', { popularity_score: 101 })])), /entry 0 \("a"\): popularity_score: expected integer to be less or equal to 100/)
  t.match(await startError(t, catalogDocument([entry('a', { colour: 'red' })])), /entry 0 \("a"\): colour: unexpected property/)
  t.match(await startError(t, catalogDocument([entry('a'), entry('a')])), /entry 1 \("a"\): name: a appears twice in the file/)
  t.match(await startError(t, catalogDocument([entry('a', { packages: [{ registry_type: 'npm', identifier: 'Not Valid!', transport: 'stdio' }] })])), /packages\/0\/identifier/)
  t.match(await startError(t, catalogDocument([entry('a', { packages: [{ registry_type: 'oci', identifier: '@scope/img', transport: 'stdio' }] })])), /is not an OCI image reference/)
  t.match(await startError(t, catalogDocument(['just a string'])), /entry 0: \(entry\): expected an object/)
  t.match(await startError(t, { ...catalogDocument([entry('a')]), total_servers: 2 }), /total_servers: says 2 but the file lists 1/)
  t.match(await startError(t, { servers: [entry('a')], description: 'no version' }), /Unrecognised catalog document/)
  t.match(await startError(t, '{ not json'), /Catalog .*catalog\.json cannot be loaded: .*JSON/)
  const envs = [{ name: 'TOKEN', description: '', required: true, secret: true }, { name: 'TOKEN', description: '', required: false, secret: false }]
  t.match(await startError(t, catalogDocument([entry('a', { packages: [{ registry_type: 'npm', identifier: 'a', transport: 'stdio', environment_variables: envs }] })])), /environment_variables: TOKEN is listed twice/)
  const listDefault = [{ name: '--flag', description: '', required: false, default: ['x', 'y'] }]
  t.match(await startError(t, catalogDocument([entry('a', { packages: [{ registry_type: 'npm', identifier: 'a', transport: 'stdio', package_arguments: listDefault }] })])), /--flag has a list as default but is not repeated/)
  t.equal(await startError(t, catalogDocument([entry('a')])), 'started')
})

t.test('a missing catalog file stops the start', async (t) => {
  t.match(await startFailure(t, join(tempDir(t), 'nowhere.json')), /nowhere\.json cannot be loaded: ENOENT/)
})

t.test('the catalog is upserted at each start and installs are kept', async (t) => {
  const dataDir = tempDir(t)
  const start = async (servers: unknown[]) => {
    const config = loadConfig({ PODPLAY_DATA_DIR: dataDir, PODPLAY_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'silent', PODPLAY_CATALOG: writeCatalog(t, catalogDocument(servers)) })
    const app = await buildApp({ config, logger: false })
    await app.ready()
    return app
  }
  const first = await start([entry('alpha'), entry('beta')])
  t.same(first.marketplace.loadReport, { format: 'podplay-catalog', total: 2, imported: 2, updated: 0, unchanged: 0, rejected: [] })
  const adminId = (await first.tokens.verify(ADMIN_TOKEN))!.userId
  await first.marketplace.install(adminId, 'alpha')
  await first.close()

  // The second file drops beta and changes alpha: alpha is updated, beta stays (rows are never deleted).
  const second = await start([entry('alpha', { version: '1.1.0', description: 'new text' })])
  t.teardown(() => second.close())
  t.same(second.marketplace.loadReport, { format: 'podplay-catalog', total: 1, imported: 0, updated: 1, unchanged: 0, rejected: [] })
  t.equal((await second.marketplace.getServer('alpha')).description, 'new text')
  t.equal((await second.marketplace.getServer('beta')).name, 'beta')
  t.same((await second.marketplace.listInstalled(adminId)).map((install) => install.name), ['alpha'], 'the install survived the restart')
})
