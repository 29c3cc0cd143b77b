import t from 'tap'
import { McpError } from '@modelcontextprotocol/sdk/types.js'
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { tokenFor } from '../helper.js'
import { install, runtimeRequest } from '../mcp-runtime/helpers.js'
import { gatewayApp, gatewayClient, notifications, run } from './helpers.js'

type Text = { type: 'text', text: string }
const textOf = (result: unknown) => ((result as { content: Text[] }).content[0]).text
const contentText = (content: unknown) => (content as { text: string }).text

t.test('a session sees every running server of its user, passed through, and its calls reach the right server', async (t) => {
  const gateway = await gatewayApp(t)
  await run(gateway, gateway.adminToken, 'fixture-stdio', 'fixture-http')
  const { client } = await gatewayClient(t, gateway.url, gateway.adminToken)
  t.match(client.getServerVersion(), { name: 'podplay-sanctuary', title: 'Podplay Sanctuary' })
  t.match(client.getServerCapabilities(), { tools: { listChanged: true }, resources: { listChanged: true }, prompts: { listChanged: true } })

  const { tools } = await client.listTools()
  const names = tools.map((tool) => tool.name)
  for (const name of ['fixture-stdio__echo', 'fixture-stdio__add', 'fixture-http__echo', 'fixture-http__measure', 'marketplace_search', 'install_server', 'daily_briefing']) t.ok(names.includes(name), `${name} is listed`)
  t.match(tools.find((tool) => tool.name === 'fixture-http__measure'), {
    title: 'Measure a word',
    description: '[http] Counts the letters of a word',
    inputSchema: { type: 'object', properties: { word: { type: 'string' } } },
    outputSchema: { type: 'object', properties: { letters: { type: 'number' } } },
    annotations: { readOnlyHint: true, idempotentHint: true }
  }, 'title, schemas and annotations pass through; the description names the server')
  t.match(tools.find((tool) => tool.name === 'fixture-stdio__echo'), { description: '[fixture-stdio] Repeats the text', inputSchema: { required: ['text'] } })
  t.match(tools.find((tool) => tool.name === 'uninstall_server'), { description: /^\[Podplay Sanctuary\] /, annotations: { destructiveHint: true } })

  t.equal(textOf(await client.callTool({ name: 'fixture-stdio__echo', arguments: { text: 'to stdio' } })), 'to stdio')
  t.equal(textOf(await client.callTool({ name: 'fixture-http__echo', arguments: { text: 'to http' } })), 'to http')
  t.equal(textOf(await client.callTool({ name: 'fixture-stdio__add', arguments: { a: 2, b: 3 } })), '5')
  t.match(await client.callTool({ name: 'fixture-http__measure', arguments: { word: 'four' } }), { structuredContent: { letters: 4 } }, 'structured content passes through (and matches the output schema)')
  const picture = await client.callTool({ name: 'fixture-http__picture', arguments: {} })
  t.match(picture.content, [
    { type: 'image', mimeType: 'image/png', data: /^iVBOR/ },
    { type: 'resource', resource: { uri: 'sanctuary://fixture-http/r/memo%3A%2F%2Ftoday', text: 'the memo' } },
    { type: 'resource_link', uri: 'sanctuary://fixture-http/r/memo%3A%2F%2Ftoday' }
  ], 'images and embedded resources pass through, their URIs readable through the gateway')
  const linked = (picture.content as Array<{ type: string, uri?: string }>)[2].uri!
  t.match((await client.readResource({ uri: linked })).contents, [{ uri: linked, text: 'the memo' }])

  const invalid = await client.callTool({ name: 'fixture-stdio__add', arguments: { a: 1, b: 'two' } })
  t.match(invalid, { isError: true, content: [{ type: 'text', text: /Arguments for the tool 'add' do not match its input schema: .*must be number/ }], }, 'bad arguments are an error result')
  t.match(await client.callTool({ name: 'fixture-stdio__fail', arguments: {} }), { isError: true, content: [{ text: 'it went wrong' }] })
  await t.rejects(client.callTool({ name: 'nobody__nothing', arguments: {} }), { code: -32602, message: /Unknown tool: nobody__nothing/ })

  const { resources } = await client.listResources()
  t.match(resources, [
    { uri: 'sanctuary://fixture-stdio/r/fixture%3A%2F%2Freadme', name: 'readme', title: 'Read me', description: '[fixture-stdio] What this server is', mimeType: 'text/markdown' },
    { uri: 'sanctuary://fixture-http/r/memo%3A%2F%2Ftoday', name: 'today' }
  ])
  t.same((await client.readResource({ uri: resources[0].uri })).contents, [{ uri: resources[0].uri, mimeType: 'text/markdown', text: '# fixture-stdio\nA server for tests.' }])
  const { resourceTemplates } = await client.listResourceTemplates()
  t.same(resourceTemplates.map((template) => template.uriTemplate), ['sanctuary://fixture-stdio/t/fixture://notes/{id}', 'sanctuary://fixture-http/t/memo://days/{day}'])
  t.equal(contentText((await client.readResource({ uri: 'sanctuary://fixture-stdio/t/fixture://notes/7' })).contents[0]), 'note 7', 'a template the client expanded is read from its server')
  t.equal(contentText((await client.readResource({ uri: 'sanctuary://fixture-http/t/memo://days/friday' })).contents[0]), 'memo of friday')
  await t.rejects(client.readResource({ uri: 'sanctuary://fixture-stdio/r/fixture%3A%2F%2Fnothing' }), { code: -32002 }, 'a resource the server does not know')
  await t.rejects(client.readResource({ uri: 'file:///etc/passwd' }), { code: -32002 }, 'only gateway URIs are read')

  const { prompts } = await client.listPrompts()
  t.match(prompts, [{ name: 'fixture-stdio__greet', title: 'Greeting', description: '[fixture-stdio] Greets someone', arguments: [{ name: 'name', required: true }, { name: 'mood' }] }, { name: 'fixture-http__summarise' }])
  t.match(await client.getPrompt({ name: 'fixture-stdio__greet', arguments: { name: 'Ann' } }), { description: 'A greeting', messages: [{ role: 'user', content: { type: 'text', text: 'Say hello to Ann' } }] })
  t.equal(contentText((await client.getPrompt({ name: 'fixture-http__summarise', arguments: { topic: 'MCP' } })).messages[0].content), 'Summarise MCP')
  await t.rejects(client.getPrompt({ name: 'fixture-stdio__greet', arguments: {} }), { code: -32602, message: /missing required argument 'name'/ })
  await t.rejects(client.getPrompt({ name: 'fixture-stdio__nothing' }), { code: -32602, message: /Unknown prompt/ })
})

t.test('list_changed reaches the session when a server starts, stops, or changes its own lists; a burst is told once', async (t) => {
  const gateway = await gatewayApp(t)
  const request = runtimeRequest(gateway.app, gateway.adminToken)
  await install(gateway.app, gateway.adminToken, 'fixture-stdio')
  const { client, streaming } = await gatewayClient(t, gateway.url, gateway.adminToken)
  const heard = notifications(client)
  await streaming
  t.notOk((await client.listTools()).tools.some((tool) => tool.name.startsWith('fixture-stdio__')), 'nothing of a stopped server')

  const started = Promise.all(['tools', 'resources', 'prompts'].map((list) => heard.next(`notifications/${list}/list_changed`)))
  await request('POST', 'fixture-stdio', 'start')
  await started
  t.pass('a start changes all three lists')
  t.ok((await client.listTools()).tools.some((tool) => tool.name === 'fixture-stdio__echo'), 'and the new tools are listed')

  const grown = heard.next('notifications/tools/list_changed')
  t.equal(textOf(await client.callTool({ name: 'fixture-stdio__grow', arguments: {} })), 'extra_1')
  await grown
  t.ok((await client.listTools()).tools.some((tool) => tool.name === 'fixture-stdio__extra_1'), 'the server\'s own change, relayed')
  const morePrompts = heard.next('notifications/prompts/list_changed')
  await client.callTool({ name: 'fixture-stdio__grow', arguments: { kind: 'prompt' } })
  await morePrompts
  t.ok((await client.listPrompts()).prompts.some((prompt) => prompt.name === 'fixture-stdio__extra_2'))

  // Five changes at once, then a different one: the second's arrival shows the first burst was told once.
  const counted = heard.seen.length
  const userId = (await gateway.app.tokens.ensureUser('admin')).id
  const burst = heard.next('notifications/tools/list_changed')
  for (let index = 0; index < 5; index++) gateway.app.mcpRuntime.events.emit('list_changed', { name: 'fixture-stdio', user_id: userId, list: 'tools', timestamp: new Date().toISOString() })
  await burst
  const after = heard.next('notifications/resources/list_changed')
  gateway.app.mcpRuntime.events.emit('list_changed', { name: 'fixture-stdio', user_id: userId, list: 'resources', timestamp: new Date().toISOString() })
  await after
  t.same(heard.seen.slice(counted).map((notification) => notification.method), ['notifications/tools/list_changed', 'notifications/resources/list_changed'], 'once per burst')

  const stopped = heard.next('notifications/tools/list_changed')
  await request('POST', 'fixture-stdio', 'stop')
  await stopped
  t.notOk((await client.listTools()).tools.some((tool) => tool.name.startsWith('fixture-stdio__')), 'a stop changes the lists')
})

t.test('another user\'s servers are invisible; a read-only token lists and reads but cannot call', async (t) => {
  const gateway = await gatewayApp(t)
  await run(gateway, gateway.adminToken, 'fixture-stdio')
  const bob = await gatewayClient(t, gateway.url, await tokenFor(gateway.app, 'bob', ['read', 'write']))
  t.notOk((await bob.client.listTools()).tools.some((tool) => tool.name.includes('__')), 'bob sees only the sanctuary\'s tools')
  t.same((await bob.client.listResources()).resources, [])
  t.same((await bob.client.listPrompts()).prompts, [])
  await t.rejects(bob.client.callTool({ name: 'fixture-stdio__echo', arguments: { text: 'x' } }), { code: -32602 })
  await t.rejects(bob.client.readResource({ uri: 'sanctuary://fixture-stdio/r/fixture%3A%2F%2Freadme' }), { code: -32002 })
  await t.rejects(bob.client.getPrompt({ name: 'fixture-stdio__greet', arguments: { name: 'x' } }), { code: -32602 })

  const reader = await gatewayClient(t, gateway.url, await tokenFor(gateway.app, 'admin', ['read']))
  t.ok((await reader.client.listTools()).tools.some((tool) => tool.name === 'fixture-stdio__echo'), 'a read token lists')
  t.equal((await reader.client.readResource({ uri: 'sanctuary://fixture-stdio/r/fixture%3A%2F%2Freadme' })).contents.length, 1, 'and reads')
  const refused = await reader.client.callTool({ name: 'fixture-stdio__echo', arguments: { text: 'x' } }).catch((error: unknown) => error)
  t.ok(refused instanceof StreamableHTTPError && refused.code === 403, 'a call needs the write scope (403)')
  t.match(String((refused as Error).message), /AUTH_SCOPE/)
  await t.rejects(reader.client.getPrompt({ name: 'fixture-stdio__greet', arguments: { name: 'x' } }), { code: 403 }, 'so does getting a prompt')
  t.ok((await reader.client.listTools()).tools.length > 0, 'the session goes on after a refusal')
})

t.test('a server that crashes mid-session is an error result; the session goes on', async (t) => {
  const gateway = await gatewayApp(t)
  await run(gateway, gateway.adminToken, 'fixture-crashing')
  const { client, streaming } = await gatewayClient(t, gateway.url, gateway.adminToken)
  const heard = notifications(client)
  await streaming
  const changed = heard.next('notifications/tools/list_changed')
  const crashed = await client.callTool({ name: 'fixture-crashing__crash', arguments: { code: 3 } })
  t.match(crashed, { isError: true, content: [{ type: 'text', text: /fixture-crashing/ }] })
  await changed
  t.notOk((await client.listTools()).tools.some((tool) => tool.name.startsWith('fixture-crashing__')), 'the crashed server\'s tools are gone')
  const again = await client.callTool({ name: 'fixture-crashing__ping', arguments: {} }).catch((error: unknown) => error)
  t.ok(again instanceof McpError && again.code === -32602, 'its names are given back')
  t.match(await client.callTool({ name: 'system_status', arguments: {} }), { isError: false }, 'the sanctuary\'s own tools still answer')
})
