import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { build, listen, once, socketClient, tempDir, tokenFor, type Built } from '../helper.js'
import { functionalEnv } from '../workspaces/setup.js'

interface Recommendation { name: string, title: string, reason: string, evidence: Array<{ workspace_id: string, file: string, detail: string }> }

/** Writes files (path → content) into a folder, creating folders on the way. */
function writeProject (directory: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(directory, path, '..'), { recursive: true })
    writeFileSync(join(directory, path), content)
  }
}

/** A small full-stack project: Node API with Postgres and Sentry, a Go worker, compose, a GitHub remote. */
const sampleProject = {
  'package.json': JSON.stringify({ name: 'shop', dependencies: { express: '^5', pg: '^8.11', stripe: '^15' }, devDependencies: { '@sentry/node': '^8', playwright: '^1.45' } }),
  'requirements.txt': 'redis==5.0.1\nnumpy\n',
  'worker/go.mod': 'module example.com/worker\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.5.0\n',
  'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n  dashboards:\n    image: grafana/grafana:11.0.0\n',
  '.git/config': '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:acme/shop.git\n',
  Procfile: 'web: node server.js\n',
  'node_modules/mongodb/package.json': JSON.stringify({ name: 'mongodb', dependencies: { bson: '*' } })
}

async function workspaceWith (built: Built, name: string, files: Record<string, string>, token?: string) {
  const created = await built.app.inject({ method: 'POST', url: '/api/workspaces', headers: built.auth(token), payload: { name } })
  const id = created.json().id as string
  const principal = await built.app.tokens.verify(token ?? built.adminToken)
  writeProject(await built.app.workspaces.directory(principal!.userId, id), files)
  return { id, userId: principal!.userId }
}

t.test('recommendations from a sample project\'s manifests, each with its reason', async (t) => {
  const built = await build(t, functionalEnv)
  const { app, auth } = built
  const { id, userId } = await workspaceWith(built, 'shop', sampleProject)

  const response = await app.inject({ method: 'GET', url: `/api/discovery/recommendations?workspace_id=${id}`, headers: auth() })
  t.equal(response.statusCode, 200)
  const body = response.json()
  t.equal(body.workspace_id, id)
  t.ok(Date.parse(body.generated_at))
  const byName = new Map<string, Recommendation>(body.recommendations.map((r: Recommendation) => [r.name, r]))
  t.same([...byName.keys()].sort(), ['git', 'github', 'grafana', 'heroku', 'playwright', 'postgres', 'redis', 'sentry', 'stripe'])
  t.notOk(byName.has('mongodb'), 'node_modules is not the project\'s manifest')

  const postgres = byName.get('postgres')!
  t.equal(body.recommendations[0].name, 'postgres', 'the server with the most evidence comes first')
  t.equal(postgres.title, 'PostgreSQL')
  t.equal(postgres.reason, 'package.json depends on pg; docker-compose.yml runs the postgres:16 image; worker/go.mod requires github.com/jackc/pgx/v5')
  t.same(postgres.evidence.map((e) => e.file), ['package.json', 'docker-compose.yml', 'worker/go.mod'], 'the root first, then project folders')
  t.ok(postgres.evidence.every((e) => e.workspace_id === id))
  t.equal(byName.get('github')!.reason, 'the git remote origin is on github.com')
  t.equal(byName.get('redis')!.reason, 'requirements.txt requires redis')
  t.equal(byName.get('heroku')!.reason, 'the workspace has Procfile')
  t.equal(byName.get('git')!.reason, 'the workspace has .git')
  t.equal(byName.get('grafana')!.reason, 'docker-compose.yml runs the grafana/grafana:11.0.0 image')

  // Installed servers are left out.
  await app.marketplace.install(userId, 'redis')
  await app.marketplace.install(userId, 'git')
  const after = await app.discovery.recommend(userId, id)
  t.notOk(after.some((r) => r.name === 'redis' || r.name === 'git'))
  t.equal(after.length, 7)

  // The same evidence across all the user's workspaces, merged per server.
  await workspaceWith(built, 'tools', { 'pyproject.toml': '[project]\nname = "tools"\ndependencies = ["psycopg[binary]>=3", "boto3"]\n' })
  const all = (await app.inject({ method: 'GET', url: '/api/discovery/recommendations', headers: auth() })).json()
  t.equal(all.workspace_id, null)
  const merged = all.recommendations.find((r: Recommendation) => r.name === 'postgres')
  t.equal(merged.evidence.length, 4)
  t.equal(new Set(merged.evidence.map((e: { workspace_id: string }) => e.workspace_id)).size, 2)
  t.match(merged.reason, / and 1 more$/)
  t.ok(all.recommendations.some((r: Recommendation) => r.name === 'aws-documentation'))
  t.same(await app.discovery.recommendForUser(userId), all.recommendations, 'the briefing gets the same list')
})

t.test('another user\'s workspace is not found; an empty workspace recommends nothing', async (t) => {
  const built = await build(t, functionalEnv)
  const { app, auth } = built
  const { id } = await workspaceWith(built, 'shop', sampleProject)
  const eve = await tokenFor(app, 'eve', ['read', 'write'])
  const refused = await app.inject({ method: 'GET', url: `/api/discovery/recommendations?workspace_id=${id}`, headers: auth(eve) })
  t.equal(refused.statusCode, 404)
  t.equal(refused.json().code, 'WORKSPACE_NOT_FOUND')
  const none = (await app.inject({ method: 'GET', url: '/api/discovery/recommendations', headers: auth(eve) })).json()
  t.same(none.recommendations, [], 'eve has no workspaces')

  const empty = await workspaceWith(built, 'empty', { 'package.json': '{ broken', 'go.mod': '', 'Cargo.toml': '[dependencies]\nrusqlite = "0.31"\n' }, eve)
  const fromBroken = await app.inject({ method: 'GET', url: `/api/discovery/recommendations?workspace_id=${empty.id}`, headers: auth(eve) })
  t.same(fromBroken.json().recommendations.map((r: Recommendation) => r.name), ['sqlite'], 'a broken manifest is skipped, the others still count')
  t.equal((await app.inject({ method: 'GET', url: '/api/discovery/recommendations?extra=1', headers: auth(eve) })).statusCode, 400)
})

t.test('servers the catalog in use does not carry are not recommended', async (t) => {
  const catalogDir = tempDir(t)
  const catalog = JSON.parse(readFileSync(join(import.meta.dirname, '../../data/mcp_servers.json'), 'utf8'))
  catalog.servers = catalog.servers.filter((server: { name: string }) => server.name !== 'postgres')
  catalog.total_servers = catalog.servers.length
  writeFileSync(join(catalogDir, 'catalog.json'), JSON.stringify(catalog))
  const built = await build(t, { ...functionalEnv, PODPLAY_CATALOG: join(catalogDir, 'catalog.json') })
  const { id, userId } = await workspaceWith(built, 'shop', sampleProject)
  const names = (await built.app.discovery.recommend(userId, id)).map((r) => r.name)
  t.notOk(names.includes('postgres'))
  t.ok(names.includes('sentry'))
})

t.test('a manifest change in a watched workspace pushes discovery_recommendation to the owner', async (t) => {
  const built = await build(t, functionalEnv)
  const { app, adminToken } = built
  const { id, userId } = await workspaceWith(built, 'shop', { 'package.json': JSON.stringify({ dependencies: { express: '^5' } }) })
  const directory = await app.workspaces.directory(userId, id)
  const url = await listen(app)
  const socket = socketClient(t, url, adminToken)
  await once(socket, 'connected')
  t.same(await socket.emitWithAck('workspace_subscribe', { workspace_id: id }), { ok: true })

  const pushed = once<{ workspace_id: string, recommendations: Recommendation[], timestamp: string }>(socket, 'discovery_recommendation')
  await writeFile(join(directory, 'package.json'), JSON.stringify({ dependencies: { express: '^5', mongoose: '^8' } }))
  const event = await pushed
  t.equal(event.workspace_id, id)
  t.ok(Date.parse(event.timestamp))
  t.same(event.recommendations.map((r) => r.name), ['mongodb'])
  t.equal(event.recommendations[0].reason, 'package.json depends on mongoose')

  // A nested project's new manifest counts too; an ordinary file does not trigger a recomputation.
  const second = once<{ recommendations: Recommendation[] }>(socket, 'discovery_recommendation')
  await writeFile(join(directory, 'notes.txt'), 'not a manifest')
  mkdirSync(join(directory, 'cache'))
  await writeFile(join(directory, 'cache', 'requirements.txt'), 'redis\n')
  t.same((await second).recommendations.map((r) => r.name).sort(), ['mongodb', 'redis'])
})
