import type { Test } from 'tap'
import type { Built } from '../helper.js'
import { buildApp as build } from './setup.js'
import { FakeProvider, errorBody, framesFor, malformedFrames, type ProviderKind } from './fake-providers.js'

const authHeader: Record<ProviderKind, [string, string]> = {
  openai: ['authorization', 'Bearer test-key'],
  anthropic: ['authorization', 'Bearer test-key'],
  gemini: ['x-goog-api-key', 'test-key']
}

/** The frames of a stream cut off right after its first text piece, which is 'Partial '. */
function stalledAfterFirstPiece (kind: ProviderKind) {
  const frames = framesFor[kind]({ text: ['Partial ', 'answer ', 'never comes'] })
  return { frames, stallAfter: frames.findIndex((frame) => frame.includes('Partial')) + 1 }
}

async function conversationOf (app: Built['app'], auth: Built['auth'], id: string) {
  const response = await app.inject({ method: 'GET', url: `/api/chat/conversations/${id}`, headers: auth() })
  return response.json()
}

/** The same behaviour, proven for each external provider through its official SDK. */
export async function providerSuite (t: Test, kind: ProviderKind): Promise<void> {
  // One app and one fake for the whole file: building an app is the slow part of every test.
  const fake = await FakeProvider.start(t, kind)
  const { app, auth } = await build(t, fake.env({ PODPLAY_AI_MAX_RETRIES: '1', PODPLAY_AI_TIMEOUT_MS: '1000' }))
  const ask = async (message: string) => await app.inject({ method: 'POST', url: '/api/chat', headers: auth(), payload: { message } })

  t.test(`${kind}: streams an answer through the official SDK and records usage`, async (t) => {
    const seen = fake.chats.length
    fake.enqueue({ frames: framesFor[kind]({ text: ['Hello ', 'from ', kind], usage: { input: 12, output: 5 } }) })
    const response = await ask('Hello Mama Bear')
    t.equal(response.statusCode, 200)
    const reply = response.json()
    t.match(reply, { success: true, response: `Hello from ${kind}`, provider: kind, model: fake.model, stopped: false, error: null })
    t.same(reply.usage, { input_tokens: 12, output_tokens: 5, total_tokens: 17 })

    const [request] = fake.chats.slice(seen)
    const [header, value] = authHeader[kind]
    t.equal(request.headers[header], value, 'the API key is sent the way the provider expects')
    t.match(JSON.stringify(request.body), /Hello Mama Bear/)
    t.match(JSON.stringify(request.body), /Mama Bear, the AI assistant of Podplay Sanctuary/, 'the system prompt is sent')
    if (kind === 'gemini') t.match(request.url, /:streamGenerateContent\?alt=sse$/)
    else t.equal(request.body.stream, true)

    const conversation = await conversationOf(app, auth, reply.conversation_id)
    t.match(conversation.messages, [{ role: 'user', content: 'Hello Mama Bear' }, { role: 'assistant', status: 'complete', provider: kind, model: fake.model, content: `Hello from ${kind}` }])
    t.equal(conversation.messages[1].timings.duration_ms >= 0, true)
  })

  t.test(`${kind}: a tool call runs, is recorded, and its result goes back to the model`, async (t) => {
    const seen = fake.chats.length
    fake.enqueue(
      { frames: framesFor[kind]({ text: ['Let me look. '], tools: [{ id: 'call_db', name: 'marketplace_search', arguments: { query: 'database', limit: 3 } }] }) },
      { frames: framesFor[kind]({ text: ['MongoDB is a good fit.'] }) }
    )
    const response = await ask('I need a database server')
    t.equal(response.statusCode, 200)
    const reply = response.json()
    t.equal(reply.response, 'Let me look. MongoDB is a good fit.')
    t.equal(reply.tool_calls.length, 1)
    t.match(reply.tool_calls[0], { name: 'marketplace_search', arguments: { query: 'database', limit: 3 }, is_error: false, step: 0 })
    t.match(JSON.parse(reply.tool_calls[0].result), { query: 'database', items: Array })

    const [first, second] = fake.chats.slice(seen)
    t.equal(fake.chats.length - seen, 2)
    const offered = JSON.stringify(first.body)
    t.match(offered, /marketplace_search/, 'the tools are offered to the model')
    const followUp = JSON.stringify(second.body)
    t.match(followUp, /call_db/, 'the result answers the call by its id')
    t.match(followUp, /mongodb/, 'the tool result is sent back')
    if (kind === 'gemini') t.match(followUp, /sig-call_db/, 'the thought signature travels back with its call')

    const conversation = await conversationOf(app, auth, reply.conversation_id)
    t.match(conversation.messages[1].tool_calls, [{ name: 'marketplace_search', is_error: false }])
  })

  t.test(`${kind}: a 429 is retried, then the answer arrives`, async (t) => {
    const seen = fake.chats.length
    fake.enqueue(
      { status: 429, headers: { 'retry-after-ms': '20', 'retry-after': '0' }, body: errorBody(kind, 429, 'slow down') },
      { frames: framesFor[kind]({ text: ['Second time lucky'] }) }
    )
    const response = await ask('hi')
    t.equal(response.statusCode, 200)
    t.equal(response.json().response, 'Second time lucky')
    t.equal(fake.chats.length - seen, 2, 'one retry')
  })

  t.test(`${kind}: a 500 fails clearly; the user's message is kept and the answer marked failed`, async (t) => {
    const failing = { status: 500, body: errorBody(kind, 500, 'the model is on fire') }
    const seen = fake.chats.length
    fake.enqueue(failing, failing)
    const response = await ask('hi')
    t.equal(response.statusCode, 502)
    t.equal(fake.chats.length - seen, 2, 'retried once, then given up')
    const body = response.json()
    t.equal(body.code, 'AI_PROVIDER_ERROR')
    t.match(body.message, new RegExp(`^The ${kind} provider failed: .*500`))
    t.match(body.message, /the model is on fire/)
    const conversationId = response.headers['x-conversation-id'] as string
    t.ok(conversationId, 'the client learns where its message was kept')
    const conversation = await conversationOf(app, auth, conversationId)
    t.match(conversation.messages, [
      { role: 'user', content: 'hi', status: 'complete' },
      { role: 'assistant', content: '', status: 'error', error: { code: 'AI_PROVIDER_ERROR', provider: kind } }
    ])
  })

  t.test(`${kind}: a malformed stream fails clearly and keeps what arrived`, async (t) => {
    fake.enqueue({ frames: malformedFrames(kind) })
    const response = await ask('hi')
    t.equal(response.statusCode, 502)
    t.match(response.json().message, new RegExp(`^The ${kind} provider failed: `))
    const conversation = await conversationOf(app, auth, response.headers['x-conversation-id'] as string)
    t.match(conversation.messages[1], { status: 'error', content: 'Hello', stopped: false })
  })

  t.test(`${kind}: a stream that stalls past the timeout is cut at the provider`, async (t) => {
    fake.enqueue(stalledAfterFirstPiece(kind))
    const hungUp = fake.nextHangUp()
    const response = await ask('hi')
    t.equal(response.statusCode, 504)
    t.match(response.json(), { code: 'AI_PROVIDER_TIMEOUT', message: `The ${kind} provider did not answer within 1000 ms` })
    await hungUp
    const conversation = await conversationOf(app, auth, response.headers['x-conversation-id'] as string)
    t.match(conversation.messages[1], { status: 'error', content: 'Partial ', error: { code: 'AI_PROVIDER_TIMEOUT' } })
  })

  t.test(`${kind}: stop in the middle of a stream aborts at the provider and keeps the partial text`, async (t) => {
    fake.enqueue(stalledAfterFirstPiece(kind))
    const firstChunk = new Promise<{ conversation_id: string }>((resolve) => app.mamaBear.events.once('chunk', resolve))
    const hungUp = fake.nextHangUp()
    const waiting = app.inject({ method: 'POST', url: '/api/chat', headers: auth(), payload: { message: 'tell me a long story' } })
    const { conversation_id: conversationId } = await firstChunk
    const stopped = await app.inject({ method: 'POST', url: `/api/chat/conversations/${conversationId}/stop`, headers: auth() })
    t.equal(stopped.statusCode, 200)
    t.match(stopped.json(), { success: true, stopped: true, response: 'Partial ', provider: kind })
    await hungUp
    const answered = await waiting
    t.equal(answered.statusCode, 200, 'the waiting request gets the partial answer too')
    t.match(answered.json(), { stopped: true, response: 'Partial ' })
    const conversation = await conversationOf(app, auth, conversationId)
    t.match(conversation.messages[1], { status: 'stopped', stopped: true, content: 'Partial ', error: null })
  })
}
