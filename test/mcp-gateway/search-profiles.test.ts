import t from 'tap'
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { gatewayApp, gatewayClient, notifications, run } from './helpers.js'

const json = (result: unknown) => JSON.parse((result as { content: Array<{ text: string }> }).content[0].text)
const names = async (client: { listTools: () => Promise<{ tools: Array<{ name: string }> }> }) => (await client.listTools()).tools.map((tool) => tool.name)

t.test('search mode: three tools that find, describe and call any tool', async (t) => {
  const gateway = await gatewayApp(t)
  await run(gateway, gateway.adminToken, 'fixture-stdio', 'fixture-http')
  const { client } = await gatewayClient(t, gateway.url, gateway.adminToken, '?tools=search')
  t.same(await names(client), ['find_tools', 'describe_tool', 'call_tool'])
  t.match(client.getInstructions(), /find_tools finds any available tool/)

  const found = await client.callTool({ name: 'find_tools', arguments: { query: 'count letters' } })
  t.match(found.structuredContent, { query: 'count letters', tools: [{ name: 'fixture-http__measure', title: 'Measure a word', description: '[http] Counts the letters of a word' }] }, 'ranked over names, titles and descriptions')
  t.match(json(await client.callTool({ name: 'find_tools', arguments: { query: 'marketplce', limit: 2 } })), { tools: [{ name: /^marketplace_/ }] }, 'typos are forgiven, the sanctuary\'s tools are found too')
  t.ok(json(await client.callTool({ name: 'find_tools', arguments: { query: 'echo' } })).tools.length >= 2)
  t.match(await client.callTool({ name: 'find_tools', arguments: {} }), { isError: true, content: [{ text: /Invalid arguments: \/query/ }] })

  const described = await client.callTool({ name: 'describe_tool', arguments: { name: 'fixture-http__measure' } })
  t.match(described.structuredContent, { name: 'fixture-http__measure', inputSchema: { properties: { word: { type: 'string' } } }, outputSchema: { properties: { letters: {} } }, annotations: { readOnlyHint: true } })
  t.match(await client.callTool({ name: 'describe_tool', arguments: { name: 'nothing__here' } }), { isError: true, content: [{ text: /No tool is named nothing__here/ }] })

  const called = await client.callTool({ name: 'call_tool', arguments: { name: 'fixture-http__measure', arguments: { word: 'abc' } } })
  t.match(called, { structuredContent: { letters: 3 } }, 'call_tool answers what the tool answers')
  t.equal(json(await client.callTool({ name: 'call_tool', arguments: { name: 'marketplace_search', arguments: { query: 'database' } } })).query, 'database')
  t.match(await client.callTool({ name: 'call_tool', arguments: { name: 'nothing__here' } }), { isError: true })
  t.match(await client.callTool({ name: 'call_tool', arguments: { arguments: {} } }), { isError: true, content: [{ text: /Invalid arguments: \/name/ }] })
  t.equal((await client.callTool({ name: 'fixture-stdio__echo', arguments: { text: 'direct' } })).content instanceof Array, true, 'a known name may still be called directly')
  t.ok((await client.listResources()).resources.length === 2, 'resources and prompts are listed as usual')
})

t.test('profiles: saved, listed, replaced, deleted; a session sees only what its profile allows', async (t) => {
  const gateway = await gatewayApp(t)
  const { app, auth, adminToken } = gateway
  await run(gateway, adminToken, 'fixture-stdio', 'fixture-http')
  const profile = { name: 'writing', description: 'Echo and search only', servers: [{ name: 'fixture-stdio', tools: ['echo'] }], sanctuary_tools: ['marketplace_search'] }

  const created = await app.inject({ method: 'POST', url: '/api/mcp/gateway/profiles', headers: auth(), payload: profile })
  t.equal(created.statusCode, 201)
  t.match(created.json(), { ...profile, tools_mode: 'all', created_at: /T/, updated_at: /T/ })
  const badTool = await app.inject({ method: 'POST', url: '/api/mcp/gateway/profiles', headers: auth(), payload: { ...profile, sanctuary_tools: ['rm_rf'] } })
  t.match(badTool.json(), { statusCode: 400, code: 'GATEWAY_UNKNOWN_TOOL', message: /no tool rm_rf; its tools are .*marketplace_search/ })
  t.equal((await app.inject({ method: 'POST', url: '/api/mcp/gateway/profiles', headers: auth(), payload: { name: 'bad name!', servers: [] } })).statusCode, 400)
  await app.inject({ method: 'POST', url: '/api/mcp/gateway/profiles', headers: auth(), payload: { name: 'finder', servers: [{ name: 'fixture-http' }], sanctuary_tools: [], tools_mode: 'search' } })
  const listed = await app.inject({ method: 'GET', url: '/api/mcp/gateway/profiles?limit=1', headers: auth() })
  t.match(listed.json(), { total: 2, items: [{ name: 'finder' }], next_cursor: /./ })
  t.match((await app.inject({ method: 'GET', url: `/api/mcp/gateway/profiles?cursor=${listed.json().next_cursor}`, headers: auth() })).json(), { items: [{ name: 'writing' }], next_cursor: null })
  t.equal((await app.inject({ method: 'GET', url: '/api/mcp/gateway/profiles/writing', headers: auth() })).json().description, 'Echo and search only')
  t.equal((await app.inject({ method: 'GET', url: '/api/mcp/gateway/profiles/nope', headers: auth() })).json().code, 'GATEWAY_PROFILE_NOT_FOUND')

  const { client, streaming } = await gatewayClient(t, gateway.url, adminToken, '?profile=writing')
  t.same(await names(client), ['marketplace_search', 'fixture-stdio__echo'], 'only the allowed tools')
  t.same((await client.listResources()).resources.map((resource) => resource.name), ['readme'], 'only the allowed servers\' resources')
  t.same((await client.listPrompts()).prompts.map((prompt) => prompt.name), ['fixture-stdio__greet'])
  for (const name of ['fixture-stdio__add', 'fixture-http__echo', 'system_status']) {
    await t.rejects(client.callTool({ name, arguments: {} }), { code: -32602 }, `${name} is hidden, and cannot be called`)
  }
  await t.rejects(client.readResource({ uri: 'sanctuary://fixture-http/r/memo%3A%2F%2Ftoday' }), { code: -32002 })
  await t.rejects(client.getPrompt({ name: 'fixture-http__summarise', arguments: { topic: 'x' } }), { code: -32602 })
  t.equal((await client.callTool({ name: 'fixture-stdio__echo', arguments: { text: 'allowed' } })).isError, false)

  const heard = notifications(client)
  await streaming
  const changed = heard.next('notifications/tools/list_changed')
  const replaced = await app.inject({ method: 'POST', url: '/api/mcp/gateway/profiles', headers: auth(), payload: { ...profile, servers: [{ name: 'fixture-stdio', tools: ['echo', 'add'] }] } })
  t.equal(replaced.statusCode, 200, 'saving an existing name replaces it')
  await changed
  t.same(await names(client), ['marketplace_search', 'fixture-stdio__echo', 'fixture-stdio__add'], 'an open session sees the change')

  const finder = await gatewayClient(t, gateway.url, adminToken, '?profile=finder')
  t.same(await names(finder.client), ['find_tools', 'describe_tool', 'call_tool'], 'a profile may ask for search mode')
  t.same(json(await finder.client.callTool({ name: 'find_tools', arguments: { query: 'echo' } })).tools.map((tool: { name: string }) => tool.name), ['fixture-http__echo'], 'and finds only what it allows')

  const unknown = await gatewayClient(t, gateway.url, adminToken, '?profile=nope').catch((error: unknown) => error)
  t.ok(unknown instanceof StreamableHTTPError && unknown.code === 404, 'a profile the user does not have: 404')

  const calls = await app.inject({ method: 'GET', url: '/api/mcp/gateway/calls', headers: auth() })
  t.ok(calls.json().items.some((call: { profile: string | null }) => call.profile === 'writing'), 'calls record their profile')

  t.equal((await app.inject({ method: 'DELETE', url: '/api/mcp/gateway/profiles/writing', headers: auth() })).statusCode, 204)
  await t.rejects(client.listTools(), { code: 404 }, 'its sessions ended with it')
  t.equal((await app.inject({ method: 'DELETE', url: '/api/mcp/gateway/profiles/writing', headers: auth() })).statusCode, 404)
})
