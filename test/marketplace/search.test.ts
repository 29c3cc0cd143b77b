import t from 'tap'
import { tokenFor } from '../helper.js'
import { buildMarket, buildWithCatalog, entry } from './fixtures.js'

interface Item { name: string, category: string, popularity_score: number, last_updated: string, is_official: boolean, transports: string[], installed: boolean, status: string, tags: string[] }
interface Page { items: Item[], next_cursor: string | null, total: number }

t.test('on the bundled catalog', async (t) => {
  const { app, auth } = await buildMarket(t)
  const search = async (query: string): Promise<Page> => {
    const response = await app.inject({ method: 'GET', url: `/api/mcp/servers?${query}`, headers: auth() })
    t.equal(response.statusCode, 200, query)
    return response.json()
  }

  t.test('searching "database" returns database servers first (the original\'s promised test)', async (t) => {
    const { items, total } = await search('query=database&limit=100')
    const databases = items.filter((item) => item.category === 'database').length
    t.ok(databases >= 9, 'every database server is found')
    t.ok(items.slice(0, databases).every((item) => item.category === 'database'), 'and they come before anything else')
    t.ok(total >= databases)

    const original = await app.inject({ method: 'GET', url: '/api/mcp/search?query=database', headers: auth() })
    const body = original.json()
    t.equal(body.success, true)
    t.ok(body.servers.length > 0)
    t.equal(body.servers[0].category, 'database')
    t.equal(body.returned, body.servers.length)
    t.equal(body.query, 'database')
    t.same(body.filters, { category: null, official_only: false })
  })

  t.test('prefixes, typos and every text field match', async (t) => {
    t.equal((await search('query=postg')).items[0].name, 'postgres', 'a prefix')
    t.equal((await search('query=githb')).items[0].name, 'github', 'a typo')
    t.equal((await search('query=brave%20serch')).items[0].name, 'brave-search', 'two words, one misspelt')
    t.equal((await search('query=query_prometheus')).items[0].name, 'grafana', 'a capability')
    t.equal((await search('query=Filesystem')).items[0].name, 'filesystem', 'a title, in any case')
    t.equal((await search('query=zzzzqqq')).total, 0, 'nothing for nonsense')
  })

  t.test('filters narrow the results', async (t) => {
    const sse = await search('transport=sse&limit=100')
    t.same(sse.items.map((item) => item.name).sort(), ['linear', 'neon'])
    t.ok((await search('category=monitoring&limit=100')).items.every((item) => item.category === 'monitoring'))
    t.ok((await search('tag=SQL&limit=100')).items.every((item) => item.tags.includes('sql')), 'tags match in any case')
    const unofficial = await search('official=false&limit=100')
    t.ok(unofficial.items.every((item) => !item.is_official))
    t.equal(unofficial.total + (await search('official=true')).total, 40)
    t.equal((await search('query=search&category=database')).items.every((item) => item.category === 'database'), true)
  })

  t.test('the sort orders', async (t) => {
    const byName = (await search('sort=name&limit=100')).items.map((item) => item.name)
    t.same(byName, [...byName].sort())
    const byPopularity = (await search('limit=100')).items.map((item) => item.popularity_score)
    t.same(byPopularity, [...byPopularity].sort((a, b) => b - a), 'popularity is the default without a query')
    const byUpdate = (await search('sort=updated&limit=100')).items.map((item) => item.last_updated)
    t.same(byUpdate, [...byUpdate].sort().reverse())
    const relevantByPopularity = (await search('query=database&sort=popularity&limit=100')).items.map((item) => item.popularity_score)
    t.same(relevantByPopularity, [...relevantByPopularity].sort((a, b) => b - a))
  })

  t.test('pages walk the whole catalog without duplicates or gaps, in every order', async (t) => {
    for (const order of ['sort=name', 'sort=popularity', 'sort=updated', 'query=server', 'query=data&sort=name']) {
      const seen: string[] = []
      let cursor: string | null = null
      let total = -1
      do {
        const page: Page = await search(`${order}&limit=7${cursor ? `&cursor=${cursor}` : ''}`)
        if (total === -1) total = page.total
        t.equal(page.total, total, 'the total stays the same')
        seen.push(...page.items.map((item) => item.name))
        cursor = page.next_cursor
      } while (cursor)
      t.equal(seen.length, total, `${order}: every item once`)
      t.equal(new Set(seen).size, seen.length, `${order}: no duplicates`)
    }
  })

  t.test('a cursor belongs to its search', async (t) => {
    const first = await search('sort=name&limit=5')
    const other = await app.inject({ method: 'GET', url: `/api/mcp/servers?sort=popularity&cursor=${first.next_cursor}`, headers: auth() })
    t.equal(other.statusCode, 400)
    t.equal(other.json().code, 'INVALID_CURSOR')
    for (const bad of ['not-a-cursor', Buffer.from('{"f":1}').toString('base64url')]) {
      const garbage = await app.inject({ method: 'GET', url: `/api/mcp/servers?cursor=${bad}`, headers: auth() })
      t.equal(garbage.json().code, 'INVALID_CURSOR')
    }
  })

  t.test('bad parameters are 400s naming the field', async (t) => {
    const cases: Array<[string, RegExp]> = [
      ['limit=0', /querystring\/limit must be >= 1/],
      ['limit=101', /querystring\/limit must be <= 100/],
      ['category=games', /querystring\/category must be one of "database"/],
      ['sort=random', /querystring\/sort must be one of "relevance", "popularity", "name", "updated"/],
      [`query=${'x'.repeat(201)}`, /querystring\/query must NOT have more than 200 characters/],
      ['transport=pigeon', /querystring\/transport must be one of/],
      ['colour=red', /must NOT have additional properties/]
    ]
    for (const [query, message] of cases) {
      const response = await app.inject({ method: 'GET', url: `/api/mcp/servers?${query}`, headers: auth() })
      t.equal(response.statusCode, 400, query)
      t.match(response.json().message, message, query)
    }
    const original = await app.inject({ method: 'GET', url: `/api/mcp/search?query=${'y'.repeat(201)}`, headers: auth() })
    t.equal(original.statusCode, 400)
  })

  t.test('the original search: category, official_only and limit', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/api/mcp/search?category=database&official_only=true&limit=3', headers: auth() })
    const body = response.json()
    t.equal(body.returned, 3)
    t.ok(body.total >= 3)
    t.ok(body.servers.every((server: Item) => server.category === 'database' && server.is_official))
    t.same(body.filters, { category: 'database', official_only: true })
  })

  t.test('a server by its exact name, never a near match', async (t) => {
    const github = await app.inject({ method: 'GET', url: '/api/mcp/servers/github', headers: auth() })
    t.equal(github.statusCode, 200)
    t.equal(github.json().name, 'github')
    t.same(github.json().install_inputs.environment_variables.map((variable: { name: string }) => variable.name), ['GITHUB_PERSONAL_ACCESS_TOKEN', 'GITHUB_HOST', 'GITHUB_TOOLSETS', 'GITHUB_READ_ONLY'])
    const near = await app.inject({ method: 'GET', url: '/api/mcp/servers/githu', headers: auth() })
    t.equal(near.statusCode, 404)
    t.equal(near.json().code, 'MCP_SERVER_NOT_FOUND')
    t.match(near.json().message, /githu/)
    const invalid = await app.inject({ method: 'GET', url: '/api/mcp/servers/bad%20name', headers: auth() })
    t.equal(invalid.statusCode, 400)
  })
})

t.test('installed filter, deleted and deprecated servers, trending and recommendations', async (t) => {
  const { app, auth } = await buildWithCatalog(t, [
    entry('web-one', { category: 'web_apis', popularity_score: 90 }),
    entry('web-two', { category: 'web_apis', popularity_score: 80 }),
    entry('web-three', { category: 'web_apis', popularity_score: 70 }),
    entry('web-four', { category: 'web_apis', popularity_score: 60 }),
    entry('web-old', { category: 'web_apis', popularity_score: 99, status: 'deprecated' }),
    entry('web-gone', { category: 'web_apis', popularity_score: 99, status: 'deleted' }),
    entry('db-one', { category: 'database', popularity_score: 50 }),
    entry('db-source-only', { category: 'database', popularity_score: 95, packages: [] }),
    entry('tool-one', { category: 'development_tools', popularity_score: 40 }),
    entry('ai-one', { category: 'ai_ml', popularity_score: 30 })
  ])
  const alice = await tokenFor(app, 'alice', ['read', 'write'])
  const bob = await tokenFor(app, 'bob', ['read', 'write'])
  const get = async (url: string, token = alice) => (await app.inject({ method: 'GET', url, headers: auth(token) })).json()

  const listed = (await get('/api/mcp/servers?limit=100')).items.map((item: Item) => item.name)
  t.notOk(listed.includes('web-gone'), 'a deleted server is not listed')
  t.ok(listed.includes('web-old'), 'a deprecated one is, marked as such')
  t.equal((await get('/api/mcp/servers/web-old')).status, 'deprecated')
  t.equal((await get('/api/mcp/servers/web-gone')).status, 'deleted', 'but can still be looked up by name')
  t.equal((await get('/api/mcp/categories')).total_servers, 9)

  for (const name of ['web-one', 'db-one']) {
    t.equal((await app.inject({ method: 'POST', url: `/api/mcp/servers/${name}/install`, headers: auth(alice), payload: {} })).statusCode, 201)
  }
  t.same((await get('/api/mcp/servers?installed=true&sort=name')).items.map((item: Item) => item.name), ['db-one', 'web-one'])
  t.equal((await get('/api/mcp/servers?installed=false')).total, 7)
  t.equal((await get('/api/mcp/servers?installed=true', bob)).total, 0, 'installs are per user')
  t.ok((await get('/api/mcp/servers/web-one')).installed)
  t.notOk((await get('/api/mcp/servers/web-one', bob)).installed)

  const trending = (await get('/api/mcp/trending?limit=3', bob)).servers
  t.same(trending.map((server: { name: string }) => server.name), ['web-one', 'db-one', 'db-source-only'], 'recent installs first, then popularity; deprecated and deleted left out')
  t.same(trending.map((server: { recent_installs: number }) => server.recent_installs), [1, 1, 0])

  const web = await get('/api/mcp/recommendations?project_type=web_development')
  t.same(web.categories, ['web_apis', 'database'])
  t.same(web.servers.map((server: { name: string }) => server.name), ['web-two', 'web-three', 'web-four'], 'installed, deprecated, deleted and uninstallable servers are left out')
  t.match(web.servers[0].reason, /Web APIs server for web development projects/)
  const bobs = await get('/api/mcp/recommendations?project_type=web_development', bob)
  t.same(bobs.servers.map((server: { name: string }) => server.name), ['web-one', 'web-two', 'web-three', 'db-one'], 'the top 3 per category')
  t.same((await get('/api/mcp/recommendations?project_type=data_science')).categories, ['ai_ml', 'database'])
  t.same((await get('/api/mcp/recommendations?project_type=devops')).categories, ['cloud_services', 'development_tools'])
  t.same((await get('/api/mcp/recommendations?project_type=content_management')).categories, ['content_management', 'productivity'])
  t.same((await get('/api/mcp/recommendations?project_type=constructor')).categories, ['development_tools'], 'anything else is general')
  const general = await get('/api/mcp/recommendations')
  t.equal(general.project_type, 'general')
  t.same(general.servers.map((server: { name: string }) => server.name), ['tool-one'])
})
