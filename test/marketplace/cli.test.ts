import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { projectRoot } from '../../plugins/config.js'
import { podplay } from '../podplay-cli.js'
import { buildWithCatalog, catalogDocument, entry, writeCatalog } from './fixtures.js'

t.test('catalog import FILE writes to the database and prints the report; the running server picks it up', async (t) => {
  const { app, auth, dataDir } = await buildWithCatalog(t, [entry('existing')])
  const file = writeCatalog(t, catalogDocument([entry('from-cli', { description: 'Imported on the command line' }), entry('broken', { popularity_score: -1 }), entry('existing')]))

  const imported = await podplay({ PODPLAY_DATA_DIR: dataDir }, 'catalog', 'import', file)
  t.equal(imported.code, 0, imported.stderr)
  t.equal(imported.stdout, [
    'podplay-catalog: 3 entries — 1 imported, 0 updated, 1 unchanged, 1 rejected',
    '  rejected entry 1 (broken): popularity_score: expected integer to be greater or equal to 0',
    ''
  ].join('\n'))

  t.equal(await app.marketplace.catalog.refresh(), 1, 'the new row is indexed by the refresh')
  t.equal(await app.marketplace.catalog.refresh(), 0, 'and only once')
  const found = (await app.inject({ method: 'GET', url: '/api/mcp/servers?query=command%20line', headers: auth() })).json()
  t.equal(found.items[0].name, 'from-cli')

  const missing = await podplay({ PODPLAY_DATA_DIR: dataDir }, 'catalog', 'import', join(dataDir, 'nowhere.json'))
  t.equal(missing.code, 1)
  t.match(missing.stderr, /podplay: .*nowhere\.json: ENOENT/)
  const unrecognised = await podplay({ PODPLAY_DATA_DIR: dataDir }, 'catalog', 'import', writeCatalog(t, { hello: 'world' }))
  t.equal(unrecognised.code, 1)
  t.match(unrecognised.stderr, /Unrecognised catalog document/)
})

t.test('catalog schema prints the committed JSON Schema', async (t) => {
  const printed = await podplay({ PODPLAY_DATA_DIR: join(projectRoot, '.podplay-unused') }, 'catalog', 'schema')
  t.equal(printed.code, 0, printed.stderr)
  t.same(JSON.parse(printed.stdout), JSON.parse(readFileSync(join(projectRoot, 'data', 'mcp_servers.schema.json'), 'utf8')))
})
