import t from 'tap'
import { randomUUID } from 'node:crypto'
import { tokenFor, type Built } from '../helper.js'
import { FakeProvider, errorBody, openaiFrames } from '../mama-bear/fake-providers.js'
import { buildApp, chat } from '../mama-bear/setup.js'

const today = () => new Date().toISOString().slice(0, 10)

async function briefing ({ app, auth }: Built, path = 'today', token?: string) {
  return await app.inject({ method: 'GET', url: `/api/briefing/${path}`, headers: auth(token) })
}

// Shared apps (building is the slow part): the embedded default, and one on a fake OpenAI.
// Briefings are per user, so tests that need a fresh start use a user of their own.
const embedded = await buildApp(t)
const fake = await FakeProvider.start(t, 'openai')
const remote = await buildApp(t, fake.env({ PODPLAY_AI_MAX_RETRIES: '0', PODPLAY_AI_TIMEOUT_MS: '1000' }))

t.test("today's briefing is written once, kept, and refreshed on request", async (t) => {
  const built = embedded
  const first = await briefing(built)
  t.equal(first.statusCode, 200)
  const body = first.json()
  t.equal(body.success, true)
  t.ok(Date.parse(body.timestamp))
  const written = body.briefing
  t.match(written, { date: today(), provider: 'embedded', model: 'mama-bear-builtin', note: null })
  for (const heading of ['# Your briefing for', '## Your MCP servers', '## Catalog news', '## Recommended for you', '## Recent conversations', '## System health', 'built-in assistant']) {
    t.match(written.content, heading)
  }
  t.match(written.sections, {
    installed_servers: { available: true, total: 0, items: [] },
    catalog_updates: { available: true, since: null, detail: /first briefing/ },
    recommendations: { available: true },
    recent_topics: { available: true, total: 0 },
    system_health: { status: 'ready', failing: [] }
  })
  t.ok(written.sections.recommendations.items.length > 0)
  t.match(written.sections.recommendations.items[0], { source: 'marketplace', reason: String })

  const again = (await briefing(built)).json().briefing
  t.equal(again.generated_at, written.generated_at, 'the same briefing all day')
  const byDate = (await briefing(built, today())).json().briefing
  t.same(byDate, again)

  const refreshed = (await briefing(built, 'today?refresh=true')).json().briefing
  t.ok(refreshed.generated_at >= written.generated_at)
  t.equal((await briefing(built)).json().briefing.generated_at, refreshed.generated_at, 'the refreshed one is kept')
})

t.test('briefings are per user; a day without one is 404; a bad date is 400', async (t) => {
  const built = embedded
  await briefing(built)
  const other = await tokenFor(built.app, 'other', ['read'])
  const missing = await briefing(built, today(), other)
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().code, 'BRIEFING_NOT_FOUND')
  t.equal((await briefing(built, '2020-01-01')).statusCode, 404)
  t.equal((await briefing(built, 'yesterday')).statusCode, 400)
  const together = await Promise.all([briefing(built, 'today', other), briefing(built, 'today', other)])
  t.equal(together[0].json().briefing.generated_at, together[1].json().briefing.generated_at, 'asked twice at once, written once')
})

t.test('the sections report installs, catalog news since the last briefing, workspace recommendations and topics', async (t) => {
  const built = embedded
  const { app, auth } = built
  const token = await tokenFor(app, 'dev', ['read', 'write'])
  const user = await app.tokens.ensureUser('dev')
  t.equal((await app.inject({ method: 'POST', url: '/api/mcp/servers/fetch/install', headers: auth(token), payload: {} })).statusCode, 201)
  await chat(built, 'Find me a database server', {}, token)
  const workspace = await app.workspaces.create(user.id, 'shop')
  await app.workspaces.writeFile(user.id, workspace.id, 'package.json', JSON.stringify({ dependencies: { pg: '^8.0.0' } }))

  // Yesterday's briefing saw a catalog without `fetch` and an older `postgres`.
  const catalog = await app.marketplace.search({ sort: 'name', limit: 100 }, user.id)
  const snapshot = Object.fromEntries(catalog.items.map((server) => [server.name, server.version ?? server.last_updated]))
  delete snapshot.fetch
  snapshot.postgres = '0.0.1'
  const yesterday = new Date(Date.now() - 86_400_000)
  await app.db.insertInto('briefings').values({
    id: randomUUID(),
    user_id: user.id,
    date: yesterday.toISOString().slice(0, 10),
    content: 'old',
    sections: '{}',
    catalog_snapshot: JSON.stringify(snapshot),
    provider: 'embedded',
    model: 'mama-bear-builtin',
    note: null,
    created_at: yesterday.toISOString()
  }).execute()

  const { sections, content } = (await briefing(built, 'today', token)).json().briefing
  t.match(sections.installed_servers, { total: 1, items: [{ name: 'fetch', state: 'stopped' }] })
  t.match(sections.catalog_updates, { since: yesterday.toISOString(), total: 2 })
  t.same(sections.catalog_updates.items.map((item: { name: string, change: string }) => [item.name, item.change]).sort(), [['fetch', 'new'], ['postgres', 'updated']])
  t.match(sections.recommendations.items[0], { name: 'postgres', source: 'discovery' }, 'what the workspace uses comes first')
  t.match(sections.recent_topics, { total: 1, items: [{ title: 'Find me a database server' }] })
  t.match(content, /New: \*\*.*\*\* \(`fetch`\)/)
  t.match(content, /- Find me a database server/)
  t.match(content, /1 installed, 0 running/)
})

t.test('Mama Bear reads today\'s briefing when asked', async (t) => {
  const built = embedded
  const reply = (await chat(built, "What's today's briefing?")).json()
  t.match(reply.tool_calls, [{ name: 'daily_briefing', is_error: false }])
  t.match(reply.response, /Here is your briefing for \d{4}-\d{2}-\d{2}/)
  t.match(reply.response, /## System health/)
})

t.test('with a configured provider, the provider writes the briefing from the same facts', async (t) => {
  fake.enqueue({ frames: openaiFrames({ text: ['# Good morning\n', 'All is well.'] }) })
  const written = (await briefing(remote)).json().briefing
  t.match(written, { provider: 'openai', model: 'gpt-test', content: '# Good morning\nAll is well.', note: null })
  const request = fake.chats.at(-1)!
  const asked = JSON.stringify(request.body)
  t.match(asked, /daily briefing/)
  t.match(asked, /installed_servers/, 'the gathered sections are given to the model')
  t.same(request.body.tools, undefined, 'no tools for a briefing')
})

t.test('when the provider fails, the built-in assistant writes the briefing and says why', async (t) => {
  fake.enqueue({ status: 500, body: errorBody('openai', 500, 'down for maintenance') }, { frames: openaiFrames({ text: [''] }) })
  const built = remote
  const written = (await briefing(built, 'today?refresh=true')).json().briefing
  t.match(written, { provider: 'embedded', model: 'mama-bear-builtin', note: /^The openai provider failed: 500 .*down for maintenance.*built-in assistant wrote this briefing instead\.$/ })
  t.match(written.content, /# Your briefing for/)
  const empty = (await briefing(built, 'today?refresh=true')).json().briefing
  t.match(empty, { provider: 'embedded', note: 'The openai provider returned an empty briefing; the built-in assistant wrote this one.' })
})

t.test('a provider that stays silent is given up on, and the built-in assistant writes the briefing', async (t) => {
  fake.enqueue({ frames: [], stallAfter: 0 })
  const written = (await briefing(remote, 'today?refresh=true')).json().briefing
  t.match(written, { provider: 'embedded', note: /^The openai provider did not answer within 1000 ms\. The built-in assistant wrote this briefing instead\.$/ })
})
