import t from 'tap'
import { listen, once, socketClient, tokenFor } from '../helper.js'
import type { McpListChanged } from '../../schemas/mcp-runtime.js'
import { buildWithFixtures, httpFixture, install, runtimeRequest } from './helpers.js'

t.test('resources, resource templates and prompts of a running stdio server over HTTP', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t)
  const request = runtimeRequest(app, adminToken)
  await install(app, adminToken, 'fixture-stdio')

  for (const path of ['resources', 'resources/read?uri=fixture%3A%2F%2Freadme', 'prompts']) {
    const response = await request('GET', 'fixture-stdio', path)
    t.equal(response.statusCode, 409, `${path} of a stopped server`)
    t.equal(response.json().code, 'MCP_NOT_RUNNING')
  }
  await request('POST', 'fixture-stdio', 'start')

  const listed = await request('GET', 'fixture-stdio', 'resources')
  t.equal(listed.statusCode, 200)
  t.same(listed.json(), {
    name: 'fixture-stdio',
    resources: [{ uri: 'fixture://readme', name: 'readme', title: 'Read me', description: 'What this server is', mime_type: 'text/markdown', size: null }],
    resource_templates: [{ uri_template: 'fixture://notes/{id}', name: 'note', title: null, description: 'A note by id', mime_type: 'text/plain' }]
  })

  const readme = await request('GET', 'fixture-stdio', `resources/read?uri=${encodeURIComponent('fixture://readme')}`)
  t.equal(readme.statusCode, 200)
  t.same(readme.json(), { name: 'fixture-stdio', uri: 'fixture://readme', contents: [{ uri: 'fixture://readme', mime_type: 'text/markdown', text: '# fixture-stdio\nA server for tests.' }] })
  const note = await request('GET', 'fixture-stdio', `resources/read?uri=${encodeURIComponent('fixture://notes/42')}`)
  t.equal(note.json().contents[0].text, 'note 42', 'a URI expanded from a template is read')
  const missing = await request('GET', 'fixture-stdio', `resources/read?uri=${encodeURIComponent('fixture://nothing')}`)
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().code, 'MCP_RESOURCE_NOT_FOUND')
  t.match(missing.json().message, "The MCP server 'fixture-stdio' has no resource 'fixture://nothing'")
  t.equal((await request('GET', 'fixture-stdio', 'resources/read')).statusCode, 400, 'the uri is required')

  const prompts = await request('GET', 'fixture-stdio', 'prompts')
  t.same(prompts.json(), {
    name: 'fixture-stdio',
    prompts: [{ name: 'greet', title: 'Greeting', description: 'Greets someone', arguments: [{ name: 'name', description: 'who to greet', required: true }, { name: 'mood', description: null, required: false }] }]
  })
  const greeting = await request('POST', 'fixture-stdio', 'prompts/greet/get', { arguments: { name: 'Ann', mood: 'warmly' } })
  t.equal(greeting.statusCode, 200)
  t.same(greeting.json(), { name: 'fixture-stdio', prompt: 'greet', description: 'A greeting', messages: [{ role: 'user', content: { type: 'text', text: 'Say hello to Ann, warmly' } }] })

  const noName = await request('POST', 'fixture-stdio', 'prompts/greet/get', {})
  t.equal(noName.statusCode, 400)
  t.equal(noName.json().code, 'MCP_INVALID_ARGUMENTS')
  t.match(noName.json().message, "Arguments for the prompt 'greet' are not valid: missing required argument 'name'")
  const extra = await request('POST', 'fixture-stdio', 'prompts/greet/get', { arguments: { name: 'Ann', colour: 'red' } })
  t.match(extra.json(), { statusCode: 400, message: /unknown argument 'colour' \(it takes name, mood\)/ })
  t.equal((await request('POST', 'fixture-stdio', 'prompts/greet/get', { arguments: { name: { first: 'Ann' } } })).statusCode, 400, 'prompt arguments are strings')
  const unknown = await request('POST', 'fixture-stdio', 'prompts/nope/get', {})
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().code, 'MCP_PROMPT_NOT_FOUND')

  const reader = runtimeRequest(app, await tokenFor(app, 'admin', ['read']))
  t.equal((await reader('GET', 'fixture-stdio', 'resources')).statusCode, 200, 'reading needs only read')
  t.equal((await reader('POST', 'fixture-stdio', 'prompts/greet/get', { arguments: { name: 'Ann' } })).statusCode, 403, 'getting a prompt needs write')

  const other = runtimeRequest(app, await tokenFor(app, 'mallory', ['read', 'write']))
  for (const [method, path, payload] of [
    ['GET', 'resources'], ['GET', 'resources/read?uri=fixture%3A%2F%2Freadme'], ['GET', 'prompts'], ['POST', 'prompts/greet/get', { arguments: { name: 'x' } }]
  ] as const) {
    const response = await other(method, 'fixture-stdio', path, payload)
    t.equal(response.statusCode, 404, `another user: ${method} ${path}`)
    t.equal(response.json().code, 'MCP_NOT_INSTALLED')
  }
})

t.test('a server\'s list changes refresh the caches and reach the owner\'s sockets', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t)
  const request = runtimeRequest(app, adminToken)
  await install(app, adminToken, 'fixture-stdio')
  await request('POST', 'fixture-stdio', 'start')
  t.equal((await request('GET', 'fixture-stdio', 'resources')).json().resources.length, 1, 'listed (and cached) before the change')
  t.equal((await request('GET', 'fixture-stdio', 'prompts')).json().prompts.length, 1)

  const url = await listen(app)
  const socket = socketClient(t, url, adminToken)
  await once(socket, 'connected')
  const bystander = socketClient(t, url, await tokenFor(app, 'bystander', ['read']))
  await once(bystander, 'connected')
  const overheard: unknown[] = []
  bystander.on('mcp_server_list_changed', (change) => overheard.push(change))

  for (const list of ['resource', 'prompt', 'tool'] as const) {
    const announced = once<McpListChanged>(socket, 'mcp_server_list_changed')
    const grown = await request('POST', 'fixture-stdio', 'tools/grow/call', { arguments: { kind: list } })
    const change = await announced
    t.match(change, { name: 'fixture-stdio', user_id: (await app.tokens.ensureUser('admin')).id, list: `${list}s` }, `${list}s/list_changed is announced`)
    t.ok(Date.parse(change.timestamp))
    const name = grown.json().content[0].text
    if (list === 'resource') t.ok((await request('GET', 'fixture-stdio', 'resources')).json().resources.some((resource: { uri: string }) => resource.uri === `fixture://${name}`), 'the resource cache was refreshed')
    if (list === 'prompt') t.ok((await request('GET', 'fixture-stdio', 'prompts')).json().prompts.some((prompt: { name: string }) => prompt.name === name), 'the prompt cache was refreshed')
    if (list === 'tool') t.ok((await request('GET', 'fixture-stdio', 'tools')).json().tools.some((tool: { name: string }) => tool.name === name), 'the tool cache was refreshed')
  }
  t.same(overheard, [], 'another user hears nothing')
})

t.test('a resource read or prompt get past the timeout is cancelled with 504', async (t) => {
  const { app, adminToken } = await buildWithFixtures(t, { env: { PODPLAY_MCP_CALL_TIMEOUT_MS: '500' } })
  const request = runtimeRequest(app, adminToken)
  await install(app, adminToken, 'fixture-slow')
  await request('POST', 'fixture-slow', 'start')
  const read = await request('GET', 'fixture-slow', `resources/read?uri=${encodeURIComponent('slow://forever')}`)
  t.equal(read.statusCode, 504)
  t.match(read.json(), { code: 'MCP_CALL_TIMEOUT', message: "No answer to the resource 'slow://forever' within 500 ms; the request was cancelled" })
  const prompt = await request('POST', 'fixture-slow', 'prompts/forever/get', {})
  t.equal(prompt.statusCode, 504)
  t.match(prompt.json().message, "No answer to the prompt 'forever' within 500 ms")
})

t.test('a Streamable HTTP remote\'s resources and prompts; a server without them lists none', async (t) => {
  const remote = await httpFixture(t)
  const { app, adminToken } = await buildWithFixtures(t, { remoteUrl: remote.url })
  const request = runtimeRequest(app, adminToken)
  await install(app, adminToken, 'fixture-http')
  await request('POST', 'fixture-http', 'start')
  t.match((await request('GET', 'fixture-http', 'resources')).json(), { resources: [{ uri: 'memo://today', name: 'today' }], resource_templates: [{ uri_template: 'memo://days/{day}' }] })
  t.same((await request('GET', 'fixture-http', `resources/read?uri=${encodeURIComponent('memo://days/monday')}`)).json().contents, [{ uri: 'memo://days/monday', mime_type: null, text: 'memo of monday' }])
  t.equal((await request('POST', 'fixture-http', 'prompts/summarise/get', { arguments: { topic: 'the week' } })).json().messages[0].content.text, 'Summarise the week')

  await install(app, adminToken, 'fixture-crashing')
  await request('POST', 'fixture-crashing', 'start')
  t.same((await request('GET', 'fixture-crashing', 'resources')).json(), { name: 'fixture-crashing', resources: [], resource_templates: [] }, 'no resources capability, no resources')
  t.same((await request('GET', 'fixture-crashing', 'prompts')).json().prompts, [])
  t.equal((await request('GET', 'fixture-crashing', 'resources/read?uri=x%3A%2F%2Fy')).json().code, 'MCP_RESOURCE_NOT_FOUND')
  t.equal((await request('POST', 'fixture-crashing', 'prompts/any/get', {})).json().code, 'MCP_PROMPT_NOT_FOUND')
})
