import t from 'tap'
import { randomUUID } from 'node:crypto'
import { openDatabase } from '../../plugins/db.js'
import { loadConfig } from '../../plugins/config.js'
import { ConversationStore } from '../../services/mama-bear/store.js'
import { FakeProvider, openaiFrames } from './fake-providers.js'
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

t.test('answers a dead process left open are closed as failed at start-up', async (t) => {
  const built = embedded
  const { app } = built
  const response = await chat(built, 'Hello Mama Bear')
  t.equal(response.statusCode, 200, response.payload)
  const reply = response.json()
  const open = randomUUID()
  await app.db.insertInto('messages').values({
    id: open,
    conversation_id: reply.conversation_id,
    user_id: (await app.tokens.ensureUser('admin')).id,
    seq: 99,
    role: 'assistant',
    content: 'half-written',
    provider: 'openai',
    model: 'gpt',
    usage: null,
    timings: null,
    stopped: 0,
    error: null,
    created_at: new Date().toISOString(),
    completed_at: null
  }).execute()
  t.equal((await conversation(built, reply.conversation_id)).json().generating, true)
  t.equal(await new ConversationStore(app.db).closeInterrupted(), 1)
  const messages = (await conversation(built, reply.conversation_id)).json().messages
  t.match(messages.at(-1), { id: open, status: 'error', content: 'half-written', error: { code: 'MAMA_BEAR_INTERRUPTED' } })
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
