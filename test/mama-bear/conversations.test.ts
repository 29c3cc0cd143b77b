import t from 'tap'
import { tokenFor } from '../helper.js'
import { FakeProvider, openaiFrames } from './fake-providers.js'
import { buildApp, chat, conversation } from './setup.js'

// One embedded app for the file (building is the slow part); tests that count things use their own user.
const shared = await buildApp(t)

t.test('conversations are listed a page at a time, most recently active first', async (t) => {
  const built = shared
  const { app, auth } = built
  const me = await tokenFor(app, 'lister', ['read', 'write'])
  const ids: string[] = []
  for (const message of ['first topic', 'second topic', 'third topic']) ids.push((await chat(built, message, {}, me)).json().conversation_id)
  await chat(built, 'help', { conversation_id: ids[0] }, me)

  const page = (await app.inject({ method: 'GET', url: '/api/chat/conversations?limit=2', headers: auth(me) })).json()
  t.equal(page.total, 3)
  t.same(page.items.map((item: { id: string }) => item.id), [ids[0], ids[2]])
  t.match(page.items[0], { title: 'first topic', message_count: 4, generating: false })
  t.type(page.next_cursor, 'string')
  const rest = (await app.inject({ method: 'GET', url: `/api/chat/conversations?limit=2&cursor=${page.next_cursor}`, headers: auth(me) })).json()
  t.same(rest.items.map((item: { id: string }) => item.id), [ids[1]])
  t.equal(rest.next_cursor, null)

  const bad = await app.inject({ method: 'GET', url: '/api/chat/conversations?cursor=nonsense', headers: auth() })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().code, 'INVALID_CURSOR')

  const other = await tokenFor(app, 'other', ['read', 'write'])
  const theirs = (await app.inject({ method: 'GET', url: '/api/chat/conversations', headers: auth(other) })).json()
  t.same(theirs, { items: [], next_cursor: null, total: 0 })
})

t.test("another user's conversation is 404 everywhere", async (t) => {
  const built = shared
  const { app, auth } = built
  const id = (await chat(built, 'Hello Mama Bear')).json().conversation_id
  const other = await tokenFor(app, 'outsider', ['read', 'write'])
  for (const [method, url] of [
    ['GET', `/api/chat/conversations/${id}`],
    ['GET', `/api/chat/conversations/${id}/export`],
    ['DELETE', `/api/chat/conversations/${id}`],
    ['POST', `/api/chat/conversations/${id}/stop`]
  ] as const) {
    const response = await app.inject({ method, url, headers: auth(other) })
    t.equal(response.statusCode, 404, `${method} ${url}`)
    t.equal(response.json().code, 'MAMA_BEAR_CONVERSATION_NOT_FOUND')
  }
  t.equal((await conversation(built, id)).statusCode, 200, 'still there for its owner')
  const notGenerating = await app.inject({ method: 'POST', url: `/api/chat/conversations/${id}/stop`, headers: auth() })
  t.equal(notGenerating.statusCode, 409)
  t.equal(notGenerating.json().code, 'MAMA_BEAR_NOT_GENERATING')
})

t.test('a conversation exports as Markdown or JSON', async (t) => {
  const built = shared
  const { app, auth } = built
  const id = (await chat(built, 'Find me a database server')).json().conversation_id

  const markdown = await app.inject({ method: 'GET', url: `/api/chat/conversations/${id}/export`, headers: auth() })
  t.equal(markdown.statusCode, 200)
  t.match(markdown.headers['content-type'], /^text\/markdown/)
  t.equal(markdown.headers['content-disposition'], `attachment; filename="conversation-${id}.md"`)
  t.match(markdown.payload, /^# Find me a database server\n/)
  t.match(markdown.payload, /## You · /)
  t.match(markdown.payload, /## Mama Bear \(embedded · mama-bear-builtin\) · /)
  t.match(markdown.payload, /> 🔧 `marketplace_search` \{"query":"database","limit":5\} \(ok\)/)

  const json = await app.inject({ method: 'GET', url: `/api/chat/conversations/${id}/export?format=json`, headers: auth() })
  t.match(json.headers['content-type'], /^application\/json/)
  t.equal(json.headers['content-disposition'], `attachment; filename="conversation-${id}.json"`)
  t.same(json.json(), (await conversation(built, id)).json())

  t.equal((await app.inject({ method: 'GET', url: `/api/chat/conversations/${id}/export?format=pdf`, headers: auth() })).statusCode, 400)
})

t.test('search finds text in your messages and answers, case-insensitively, a page at a time', async (t) => {
  const built = shared
  const { app } = built
  const me = await tokenFor(app, 'searcher', ['read', 'write'])
  const auth = () => built.auth(me)
  await chat(built, 'Find me a DATABASE server', {}, me)
  await chat(built, 'What about 100% coverage_tools?', {}, me)
  const other = await tokenFor(app, 'nosy', ['read', 'write'])
  await chat(built, 'my private database', {}, other)

  const all = (await app.inject({ method: 'GET', url: '/api/chat/search?q=database', headers: auth() })).json()
  t.ok(all.total >= 2, 'the question and the answer that mentions it')
  t.ok(all.items.every((hit: { snippet: string }) => /database/i.test(hit.snippet)))
  t.notOk(all.items.some((hit: { snippet: string }) => /private/.test(hit.snippet)), "never another user's messages")
  t.match(all.items.find((hit: { role: string }) => hit.role === 'user'), { conversation_title: 'Find me a DATABASE server', snippet: 'Find me a DATABASE server' })

  const first = (await app.inject({ method: 'GET', url: '/api/chat/search?q=database&limit=1', headers: auth() })).json()
  t.equal(first.items.length, 1)
  const second = (await app.inject({ method: 'GET', url: `/api/chat/search?q=database&limit=1&cursor=${first.next_cursor}`, headers: auth() })).json()
  t.not(second.items[0].message_id, first.items[0].message_id)

  const percent = (await app.inject({ method: 'GET', url: `/api/chat/search?q=${encodeURIComponent('0% c')}`, headers: auth() })).json()
  t.same(percent.items.map((hit: { role: string }) => hit.role), ['user'], 'LIKE wildcards are taken literally')
  const underscore = (await app.inject({ method: 'GET', url: '/api/chat/search?q=a_o', headers: auth() })).json()
  t.equal(underscore.total, 0, 'a_o is not "abo" of "about"')
  t.equal((await app.inject({ method: 'GET', url: '/api/chat/search', headers: auth() })).statusCode, 400)
})

t.test('deleting a conversation removes it; one still answering is stopped first', async (t) => {
  const fake = await FakeProvider.start(t, 'openai')
  fake.enqueue({ frames: openaiFrames({ text: ['done'] }) }, { frames: openaiFrames({ text: ['never ', 'finished'] }), stallAfter: 2 })
  const built = await buildApp(t, fake.env())
  const { app, auth } = built
  const id = (await chat(built, 'remember the word banana')).json().conversation_id
  const removed = await app.inject({ method: 'DELETE', url: `/api/chat/conversations/${id}`, headers: auth() })
  t.equal(removed.statusCode, 204)
  t.equal((await conversation(built, id)).statusCode, 404)
  t.equal((await app.inject({ method: 'GET', url: '/api/chat/search?q=banana', headers: auth() })).json().total, 0)

  const firstChunk = new Promise<{ conversation_id: string }>((resolve) => app.mamaBear.events.once('chunk', resolve))
  const waiting = chat(built, 'a long one')
  const { conversation_id: busy } = await firstChunk
  const hungUp = fake.nextHangUp()
  t.equal((await app.inject({ method: 'DELETE', url: `/api/chat/conversations/${busy}`, headers: auth() })).statusCode, 204)
  await hungUp
  t.match((await waiting).json(), { stopped: true, response: 'never ' })
  t.equal((await conversation(built, busy)).statusCode, 404)
})
