import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { tokenFor } from '../helper.js'
import { FakeProvider, openaiFrames } from './fake-providers.js'
import { buildApp, chat } from './setup.js'

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'shout-server.mjs')
/** A catalog name with characters a function name may not have. */
const SERVER = 'io.github.podplay/shout'

t.test("the user's running MCP servers' tools are offered, called and recorded", async (t) => {
  const fake = await FakeProvider.start(t, 'openai')
  const built = await buildApp(t, fake.env())
  const { app, auth } = built
  await app.marketplace.importCatalog({
    version: '1.0.0',
    last_updated: '2026-01-01',
    description: 'the assistant tool fixture',
    servers: [{ name: SERVER, title: 'Shout', description: 'Shouts', last_updated: '2026-01-01', command: { command: process.execPath, args: [fixture] } }]
  })
  const token = await tokenFor(app, 'dev', ['read', 'write'])
  const path = `/api/mcp/installed/${encodeURIComponent(SERVER)}`
  t.equal((await app.inject({ method: 'POST', url: `/api/mcp/servers/${encodeURIComponent(SERVER)}/install`, headers: auth(token), payload: {} })).statusCode, 201)
  const started = await app.inject({ method: 'POST', url: `${path}/start`, headers: auth(token) })
  t.equal(started.json().state, 'running')
  t.teardown(() => app.inject({ method: 'POST', url: `${path}/stop`, headers: auth(token) }))

  fake.enqueue({ frames: openaiFrames({ text: ['Plenty.'] }) })
  t.equal((await chat(built, 'What tools do you have?', {}, token)).statusCode, 200)
  const offered = (fake.chats[0].body.tools as Array<{ function: { name: string, description: string } }>).map((tool) => tool.function)
  const shout = offered.find((tool) => tool.description === 'Says the text in capitals')
  const refuse = offered.find((tool) => tool.description === 'Always refuses')
  t.match(shout?.name, /^mcp__io_github_podplay_shout__shout_[0-9a-f]{8}$/, 'offered under a safe name, made unique by a hash')
  t.ok(refuse)

  fake.enqueue(
    { frames: openaiFrames({ tools: [{ id: 'c1', name: shout!.name, arguments: { text: 'hello' } }, { id: 'c2', name: refuse!.name, arguments: {} }, { id: 'c3', name: 'mcp__gone__tool', arguments: {} }] }) },
    { frames: openaiFrames({ text: ['It said HELLO.'] }) }
  )
  const reply = (await chat(built, 'shout hello', {}, token)).json()
  t.equal(reply.response, 'It said HELLO.')
  t.match(reply.tool_calls, [
    { name: shout!.name, result: 'HELLO', is_error: false },
    { name: refuse!.name, result: 'no, never', is_error: true },
    { name: 'mcp__gone__tool', result: 'There is no tool named mcp__gone__tool', is_error: true }
  ])
  const sentBack = JSON.stringify(fake.chats.at(-1)!.body.messages)
  t.match(sentBack, /HELLO/)

  const other = await tokenFor(app, 'other', ['read', 'write'])
  fake.enqueue({ frames: openaiFrames({ text: ['ok'] }) })
  await chat(built, 'hi', {}, other)
  t.notMatch(JSON.stringify(fake.chats.at(-1)!.body.tools), /mcp__/, "another user's servers are not offered")
})
