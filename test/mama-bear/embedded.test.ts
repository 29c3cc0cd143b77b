import t from 'tap'
import { tokenFor } from '../helper.js'
import { buildApp, chat } from './setup.js'

// One app for the file (building is the slow part); each test that counts things uses its own user.
const built = await buildApp(t)

t.test('"Hello Mama Bear" succeeds and the reply mentions Mama Bear (the original\'s promised test)', async (t) => {
  const response = await chat(built, 'Hello Mama Bear')
  t.equal(response.statusCode, 200)
  const reply = response.json()
  t.equal(reply.success, true)
  t.match(reply.response, /Mama Bear/)
  t.match(reply.response, /built-in assistant/, 'the embedded assistant says what it is')
  t.match(reply, { provider: 'embedded', model: 'mama-bear-builtin', stopped: false, error: null, tool_calls: [] })
  t.same(reply.usage, { input_tokens: null, output_tokens: null, total_tokens: null })
  t.ok(reply.conversation_id)
  t.ok(reply.message_id)
  t.equal(response.headers['x-message-id'], reply.message_id)
})

t.test('the embedded assistant answers from the services, through recorded tool calls', async (t) => {
  const search = (await chat(built, 'Find me a database server')).json()
  t.match(search.tool_calls, [{ name: 'marketplace_search', arguments: { query: 'database' }, is_error: false }])
  t.match(search.response, /built-in assistant/)
  t.match(search.response, /found in the marketplace for "database"/)
  const found = JSON.parse(search.tool_calls[0].result)
  t.ok(found.items.length > 0)
  t.ok(found.items.every((server: { category: string, description: string }) => server.category === 'database' || /database/i.test(server.description)), 'database servers only')
  for (const server of found.items) t.match(search.response, `\`${server.name}\``)

  const status = (await chat(built, 'How is the system status?')).json()
  t.match(status.tool_calls, [{ name: 'system_status' }])
  t.match(status.response, /services are up/)
  t.match(status.response, /Memory: /)

  const installed = (await chat(built, 'What is installed?')).json()
  t.match(installed.tool_calls, [{ name: 'installed_servers' }])
  t.match(installed.response, /no MCP servers installed yet/)

  const recommended = (await chat(built, 'Recommend servers for web development')).json()
  t.match(recommended.tool_calls, [{ name: 'marketplace_recommendations', arguments: { project_type: 'web_development' } }])
  t.match(recommended.response, /recommendations for web development/)

  const help = (await chat(built, 'help')).json()
  t.same(help.tool_calls, [])
  t.match(help.response, /Find a database server/)
  t.match(help.response, /PODPLAY_AI_PROVIDER/)

  const tools = (await chat(built, 'What tools do you have?')).json()
  t.match(tools.response, /`marketplace_search`/)
  t.match(tools.response, /`system_status`/)

  const vague = (await chat(built, 'Explain qqzzxxjj')).json()
  t.match(vague.tool_calls, [{ name: 'marketplace_search', arguments: { query: 'qqzzxxjj' } }], 'an unclear request is tried against the catalog')
  t.match(vague.response, /I'm the built-in assistant, so I can't discuss that freely, and the marketplace has nothing matching "qqzzxxjj"/)
})

t.test('installed servers and their state come from the marketplace and the runtime', async (t) => {
  const token = await tokenFor(built.app, 'installer', ['read', 'write'])
  const installed = await built.app.inject({ method: 'POST', url: '/api/mcp/servers/fetch/install', headers: built.auth(token), payload: {} })
  t.equal(installed.statusCode, 201)
  const reply = (await chat(built, 'Which servers are running?', {}, token)).json()
  t.match(reply.response, /1 MCP server installed, 0 running/)
  t.match(reply.response, /`fetch`\): stopped/)
})

t.test('a conversation continues with its history, and only its owner can continue it', async (t) => {
  const first = (await chat(built, 'Hello Mama Bear')).json()
  const second = await chat(built, 'help', { conversation_id: first.conversation_id })
  t.equal(second.statusCode, 200)
  t.equal(second.json().conversation_id, first.conversation_id)

  const conversation = (await built.app.inject({ method: 'GET', url: `/api/chat/conversations/${first.conversation_id}`, headers: built.auth() })).json()
  t.equal(conversation.title, 'Hello Mama Bear')
  t.equal(conversation.message_count, 4)
  t.same(conversation.messages.map((message: { role: string }) => message.role), ['user', 'assistant', 'user', 'assistant'])
  t.equal(conversation.generating, false)

  const stranger = await tokenFor(built.app, 'stranger', ['read', 'write'])
  const theirs = await chat(built, 'hi', { conversation_id: first.conversation_id }, stranger)
  t.equal(theirs.statusCode, 404)
  t.equal(theirs.json().code, 'MAMA_BEAR_CONVERSATION_NOT_FOUND')
})

t.test('messages are validated: at most 10,000 characters, not blank', async (t) => {
  const long = await chat(built, 'x'.repeat(10_001))
  t.equal(long.statusCode, 400)
  t.match(long.json().message, /body\/message/)
  t.equal((await chat(built, 'x'.repeat(10_000))).statusCode, 200, 'exactly 10,000 is fine')
  t.equal((await chat(built, '   ')).statusCode, 400)
  const missing = await built.app.inject({ method: 'POST', url: '/api/chat', headers: built.auth(), payload: {} })
  t.equal(missing.statusCode, 400)
  const reader = await tokenFor(built.app, 'reader', ['read'])
  t.equal((await chat(built, 'hi', {}, reader)).statusCode, 403, 'chatting needs the write scope')
})
