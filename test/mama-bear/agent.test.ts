import t from 'tap'
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../../plugins/db.js'
import { loadConfig } from '../../plugins/config.js'
import { instanceIdOf } from '../../plugins/instance.js'
import { ConversationStore } from '../../services/mama-bear/store.js'
import { AnswerLeases } from '../../services/mama-bear/leases.js'
import { FakeProvider, openaiFrames } from './fake-providers.js'
import { tempDir } from '../helper.js'
import { buildApp, chat, conversation } from './setup.js'

// Shared apps (building is the slow part): one on a fake OpenAI allowing one tool step, one embedded.
const fake = await FakeProvider.start(t, 'openai')
const remote = await buildApp(t, fake.env({ PODPLAY_AI_MAX_TOOL_STEPS: '1' }))
const embedded = await buildApp(t)

t.test('tool use is bounded: after the last allowed step the model must answer in text', async (t) => {
  const again = { frames: openaiFrames({ tools: [{ id: 'loop', name: 'system_status', arguments: {} }] }) }
  fake.enqueue(again, again)
  const seen = fake.chats.length
  const reply = (await chat(remote, 'status, forever')).json()
  const [first, second] = fake.chats.slice(seen)
  t.equal(fake.chats.length - seen, 2)
  t.equal(first.body.tool_choice, 'auto')
  t.equal(second.body.tool_choice, 'none', 'the last step may not call tools')
  t.equal(reply.tool_calls.length, 1, 'a call the model makes anyway is not run')
  t.match(reply, { success: true, stopped: false })
})

t.test('a tool call with arguments that are not JSON is recorded as failed without running', async (t) => {
  const frames = openaiFrames({ tools: [{ id: 'bad', name: 'marketplace_search', arguments: {} }] })
    .map((frame) => frame.replace('"arguments":"{}"', '"arguments":"{oops"').replace('"arguments":"{"', '"arguments":"{oops"'))
  fake.enqueue({ frames }, { frames: openaiFrames({ text: ['Sorry.'] }) })
  const reply = (await chat(remote, 'search')).json()
  t.match(reply.tool_calls, [{ name: 'marketplace_search', is_error: true, result: /^The call was not made: the arguments are not a JSON object/ }])
  t.equal(reply.response, 'Sorry.')
})

t.test('a tool given wrong arguments answers with an error the model can read', async (t) => {
  fake.enqueue(
    { frames: openaiFrames({ tools: [{ id: 'wrong', name: 'marketplace_search', arguments: { limit: 'many' } }] }) },
    { frames: openaiFrames({ text: ['Let me fix that.'] }) }
  )
  const reply = (await chat(remote, 'search')).json()
  t.match(reply.tool_calls, [{ is_error: true, result: /^Invalid arguments: \/limit/ }])
})

t.test('a shutdown cuts running answers short and stores them as failed', async (t) => {
  const stalling = await FakeProvider.start(t, 'openai')
  stalling.enqueue({ frames: openaiFrames({ text: ['Half ', 'way'] }), stallAfter: 2 })
  const built = await buildApp(t, stalling.env())
  const firstChunk = new Promise<{ conversation_id: string, message_id: string }>((resolve) => built.app.mamaBear.events.once('chunk', resolve))
  const waiting = chat(built, 'go on')
  const { message_id: messageId } = await firstChunk
  await built.app.close()
  const answered = await waiting
  t.equal(answered.statusCode, 503)
  t.equal(answered.json().code, 'MAMA_BEAR_SHUTTING_DOWN')

  const { db } = await openDatabase(loadConfig({ PODPLAY_DATA_DIR: built.dataDir }).database)
  t.teardown(() => db.destroy())
  const row = await db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow()
  t.equal(row.content, 'Half ')
  t.ok(row.completed_at)
  t.match(JSON.parse(row.error!), { code: 'MAMA_BEAR_SHUTTING_DOWN', provider: 'openai' })
})

t.test('open answers are closed when their writer is gone: this instance\'s previous process, or an instance that stopped renewing', async (t) => {
  const built = embedded
  const { app } = built
  const response = await chat(built, 'Hello Mama Bear')
  t.equal(response.statusCode, 200, response.payload)
  const reply = response.json()
  const userId = (await app.tokens.ensureUser('admin')).id
  const inAMinute = new Date(Date.now() + 60_000).toISOString()
  const aMinuteAgo = new Date(Date.now() - 60_000).toISOString()
  const open = async (seq: number, writer: string | null, leaseUntil: string | null) => {
    const id = randomUUID()
    await app.db.insertInto('messages').values({
      id,
      conversation_id: reply.conversation_id,
      user_id: userId,
      seq,
      role: 'assistant',
      content: 'half-written',
      provider: 'openai',
      model: 'gpt',
      usage: null,
      timings: null,
      stopped: 0,
      error: null,
      created_at: new Date().toISOString(),
      completed_at: null,
      generated_by: writer,
      lease_until: leaseUntil
    }).execute()
    return id
  }
  const unclaimed = await open(10, null, null)
  const ownPrevious = await open(11, app.instanceId, inAMinute)
  const anotherLive = await open(12, randomUUID(), inAMinute)
  const anotherGone = await open(13, randomUUID(), aMinuteAgo)
  t.equal((await conversation(built, reply.conversation_id)).json().generating, true)

  const store = new ConversationStore(app.db, { instanceId: app.instanceId, leaseMs: 30_000 })
  await new AnswerLeases(store, app.log).tick()
  t.equal(await store.renewLeases(), 1, 'a running instance renews its own claim')
  t.equal(await store.closeInterrupted({ includingOwn: false }), 0, 'and has closed the unclaimed and the expired')
  t.equal(await store.closeInterrupted({ includingOwn: true }), 1, 'at start-up it closes its previous process\'s too')
  const status = new Map((await conversation(built, reply.conversation_id)).json().messages.map((message: { id: string, status: string }) => [message.id, message]))
  for (const id of [unclaimed, ownPrevious, anotherGone]) {
    t.match(status.get(id), { status: 'error', content: 'half-written', error: { code: 'MAMA_BEAR_INTERRUPTED' } })
  }
  t.match(status.get(anotherLive), { status: 'generating' }, 'another live instance\'s answer is left to it')
})

t.test('an instance keeps its id across restarts, and a new data directory gets a new one', async (t) => {
  const dir = tempDir(t)
  const id = await instanceIdOf(dir)
  t.match(id, /^[0-9a-f-]{36}$/)
  t.equal(await instanceIdOf(dir), id)
  t.not(await instanceIdOf(tempDir(t)), id)
  writeFileSync(join(dir, 'instance-id'), 'garbage\n')
  t.not(await instanceIdOf(dir), id, 'a damaged file is replaced')
})

t.test('an answer whose subscriber fails before it starts ends at once, stored as stopped', async (t) => {
  const built = embedded
  const { app } = built
  const user = await app.tokens.ensureUser('admin')
  const ended = new Promise<{ reply: { conversation_id: string, stopped: boolean } }>((resolve) => app.mamaBear.events.once('response', resolve))
  await t.rejects(app.mamaBear.begin(user.id, { message: 'Hello' }, () => { throw new Error('subscriber broke') }), /subscriber broke/)
  const { reply } = await ended
  t.equal(reply.stopped, true)
  t.match((await conversation(built, reply.conversation_id)).json().messages[1], { status: 'stopped', content: '' })
  t.equal(app.mamaBear.generating, 0, 'its place is free again')
})
