import t from 'tap'
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { listen, tokenFor } from '../helper.js'
import { FakeProvider, openaiFrames } from './fake-providers.js'
import { buildApp, chat, conversation } from './setup.js'

interface StreamEvent {
  event: string
  data: any
}

/** POSTs to /api/chat/stream over a real connection and yields its events as they arrive. */
async function * streamChat (url: string, token: string, body: unknown): AsyncGenerator<StreamEvent | { status: number, headers: Headers, json: any }> {
  const response = await fetch(`${url}/api/chat/stream`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    yield { status: response.status, headers: response.headers, json: await response.json() }
    return
  }
  const queue: EventSourceMessage[] = []
  const parser = createParser({ onEvent: (event) => queue.push(event) })
  const decoder = new TextDecoder()
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(bytes, { stream: true }))
    while (queue.length > 0) {
      const event = queue.shift()!
      yield { event: event.event ?? 'message', data: JSON.parse(event.data) }
    }
  }
}

async function collect (url: string, token: string, body: unknown): Promise<StreamEvent[]> {
  const events: StreamEvent[] = []
  for await (const item of streamChat(url, token, body)) events.push(item as StreamEvent)
  return events
}

// Shared apps (building is the slow part): the embedded default, and one on a fake OpenAI.
const embedded = await buildApp(t)
const embeddedUrl = await listen(embedded.app)
const fake = await FakeProvider.start(t, 'openai')
const remote = await buildApp(t, fake.env({ PODPLAY_AI_MAX_RETRIES: '0' }))
const remoteUrl = await listen(remote.app)

t.test('the answer streams as chunk, tool_call, tool_result and done events', async (t) => {
  const built = embedded
  const url = embeddedUrl
  const events = await collect(url, built.adminToken, { message: 'Find me a database server' })
  const names = events.map((event) => event.event)
  t.same(names.slice(0, 2), ['tool_call', 'tool_result'], 'the tool is called and answers before the text')
  t.equal(names.at(-1), 'done')
  const chunks = events.filter((event) => event.event === 'chunk').map((event) => event.data)
  t.ok(chunks.length > 3, 'the answer arrives in pieces')
  t.same(chunks.map((chunk) => chunk.index), chunks.map((_chunk, index) => index), 'in order')
  const done = events.at(-1)!.data
  t.equal(chunks.map((chunk) => chunk.delta).join(''), done.response)
  t.match(done, { success: true, provider: 'embedded', stopped: false })
  t.match(events[0].data, { conversation_id: done.conversation_id, message_id: done.message_id, tool_call: { name: 'marketplace_search', result: null } })
  t.match(events[1].data.tool_call, { name: 'marketplace_search', is_error: false, result: /"items"/ })
})

t.test('a provider failure ends the stream with an error event naming the provider', async (t) => {
  fake.enqueue({ status: 500, body: { error: { message: 'overloaded', type: 'server_error' } } })
  const built = remote
  const url = remoteUrl
  const events = await collect(url, built.adminToken, { message: 'hi' })
  t.equal(events.length, 1)
  t.match(events[0], {
    event: 'error',
    data: { statusCode: 502, error: 'Bad Gateway', code: 'AI_PROVIDER_ERROR', provider: 'openai', message: /^The openai provider failed: 500 .*overloaded/, response: '' }
  })
  const stored = (await conversation(built, events[0].data.conversation_id)).json()
  t.match(stored.messages, [{ role: 'user', content: 'hi' }, { role: 'assistant', status: 'error' }])
})

t.test('a client that disconnects does not lose the answer: it is finished and stored', async (t) => {
  const frames = openaiFrames({ text: ['The first part, ', 'and the rest.'] })
  fake.enqueue({ frames, stallAfter: 2, resumable: true })
  const built = remote
  const url = remoteUrl
  const stream = streamChat(url, built.adminToken, { message: 'tell me' })
  const first = (await stream.next()).value as StreamEvent
  t.match(first, { event: 'chunk', data: { index: 0, delta: 'The first part, ' } })
  const finished = new Promise<{ reply: { message_id: string, response: string } }>((resolve) => built.app.mamaBear.events.once('response', resolve))
  // Leaving the loop over the body cancels it: the connection closes mid-answer.
  await stream.return(undefined)
  fake.resume()
  const { reply } = await finished
  t.equal(reply.response, 'The first part, and the rest.')
  const stored = (await conversation(built, first.data.conversation_id)).json()
  t.match(stored.messages[1], { status: 'complete', content: 'The first part, and the rest.' })
})

t.test('problems found before the stream starts are plain JSON errors', async (t) => {
  const built = embedded
  const url = embeddedUrl
  const [invalid] = await collect(url, built.adminToken, { message: '' }) as unknown as Array<{ status: number, json: any }>
  t.equal(invalid.status, 400)
  t.equal(invalid.json.code, 'FST_ERR_VALIDATION')

  const mine = (await chat(built, 'Hello Mama Bear')).json()
  const stranger = await tokenFor(built.app, 'stranger', ['read', 'write'])
  const [foreign] = await collect(url, stranger, { message: 'hi', conversation_id: mine.conversation_id }) as unknown as Array<{ status: number, json: any }>
  t.equal(foreign.status, 404)
})
