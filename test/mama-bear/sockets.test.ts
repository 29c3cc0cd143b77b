import t from 'tap'
import type { Socket } from 'socket.io-client'
import { listen, once, socketClient, tokenFor } from '../helper.js'
import { FakeProvider, openaiFrames } from './fake-providers.js'
import { buildApp, chat } from './setup.js'

/** Emits with an acknowledgement and resolves with it. */
function ask<T = any> (socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve) => socket.emit(event, payload, resolve))
}

/** Every mama_bear_* event a socket receives, in order. */
function recorder (socket: Socket) {
  const events: Array<{ event: string, payload: any }> = []
  socket.onAny((event: string, payload: unknown) => { if (event.startsWith('mama_bear_')) events.push({ event, payload }) })
  return events
}

// Two apps for the file (building is the slow part): the embedded default, and one on a fake OpenAI.
const embedded = await buildApp(t)
const embeddedUrl = await listen(embedded.app)
const fake = await FakeProvider.start(t, 'openai')
const remote = await buildApp(t, fake.env({ PODPLAY_MAX_GENERATIONS_PER_USER: '2' }))
const remoteUrl = await listen(remote.app)

async function connected (t: Parameters<typeof socketClient>[0], url: string, token: string): Promise<Socket> {
  const socket = socketClient(t, url, token)
  await once(socket, 'connected')
  return socket
}

t.test('"Hello Mama Bear" over Socket.IO: chunks in order, then the response in the original shape', async (t) => {
  const built = embedded
  const url = embeddedUrl
  const socket = await connected(t, url, built.adminToken)
  const events = recorder(socket)
  const response = once<any>(socket, 'mama_bear_response')
  const ack = await ask(socket, 'mama_bear_chat', { message: 'Hello Mama Bear' })
  t.match(ack, { ok: true, provider: 'embedded', model: 'mama-bear-builtin', conversation_id: String, message_id: String })
  const reply = await response
  t.match(reply, {
    success: true,
    type: 'mama_bear_response',
    conversation_id: ack.conversation_id,
    session_id: ack.conversation_id,
    message_id: ack.message_id,
    provider: 'embedded',
    model: 'mama-bear-builtin',
    stopped: false
  })
  t.match(reply.response, /Mama Bear/)
  t.equal(reply.message, reply.response, 'the original field name carries the text too')
  t.ok(Date.parse(reply.timestamp))
  const chunks = events.filter((item) => item.event === 'mama_bear_chunk').map((item) => item.payload)
  t.ok(chunks.length > 1)
  t.same(chunks.map((chunk) => chunk.index), chunks.map((_chunk, index) => index))
  t.equal(chunks.map((chunk) => chunk.delta).join(''), reply.response)
  t.equal(events.at(-1)!.event, 'mama_bear_response', 'the response comes after every chunk')
})

t.test('every socket of the user viewing a conversation gets the answer; another user gets nothing', async (t) => {
  const built = embedded
  const url = embeddedUrl
  const first = await connected(t, url, built.adminToken)
  const second = await connected(t, url, built.adminToken)
  const strangerToken = await tokenFor(built.app, 'stranger', ['read', 'write'])
  const stranger = await connected(t, url, strangerToken)
  const strangerEvents = recorder(stranger)

  const opened = once<any>(first, 'mama_bear_response')
  const { conversation_id: conversationId } = await ask(first, 'mama_bear_chat', { message: 'Hello Mama Bear' })
  await opened

  t.match(await ask(second, 'mama_bear_join', { conversation_id: conversationId }), { ok: true, conversation_id: conversationId, generating: false })
  t.match(await ask(stranger, 'mama_bear_join', { conversation_id: conversationId }), { error: { code: 'MAMA_BEAR_CONVERSATION_NOT_FOUND' } })

  const firstEvents = recorder(first)
  const secondEvents = recorder(second)
  const bothDone = Promise.all([once(first, 'mama_bear_response'), once(second, 'mama_bear_response')])
  await ask(first, 'mama_bear_chat', { message: 'Find me a database server', conversation_id: conversationId })
  await bothDone
  t.ok(firstEvents.length > 3)
  t.same(secondEvents, firstEvents, 'both sockets saw the same events in the same order')
  t.same(firstEvents.slice(0, 2).map((item) => item.event), ['mama_bear_tool_call', 'mama_bear_tool_result'])

  // Another request round-trip to the stranger proves nothing was still on its way.
  await ask(stranger, 'test_event', 'ping')
  t.same(strangerEvents, [], 'the other user saw nothing')

  t.match(await ask(second, 'mama_bear_leave', { conversation_id: conversationId }), { ok: true })
  const afterLeaving = recorder(second)
  const done = once(first, 'mama_bear_response')
  await ask(first, 'mama_bear_chat', { message: 'help', conversation_id: conversationId })
  await done
  await ask(second, 'test_event', 'ping')
  t.same(afterLeaving, [], 'a socket that left hears no more')
})

t.test('mama_bear_stop stops at the provider and answers with the partial text, marked stopped', async (t) => {
  const frames = openaiFrames({ text: ['Once upon ', 'a time'] })
  fake.enqueue({ frames, stallAfter: 2 })
  const built = remote
  const url = remoteUrl
  const socket = await connected(t, url, built.adminToken)
  const firstChunk = once<any>(socket, 'mama_bear_chunk')
  const response = once<any>(socket, 'mama_bear_response')
  const hungUp = fake.nextHangUp()
  const { conversation_id: conversationId } = await ask(socket, 'mama_bear_chat', { message: 'a story please' })
  t.match(await firstChunk, { delta: 'Once upon ', index: 0 })
  const stopped = await ask(socket, 'mama_bear_stop', { conversation_id: conversationId })
  t.match(stopped, { success: true, stopped: true, response: 'Once upon ', provider: 'openai' })
  t.match(await response, { type: 'mama_bear_response', stopped: true, response: 'Once upon ' })
  await hungUp
  t.match(await ask(socket, 'mama_bear_stop', { conversation_id: conversationId }), { error: { code: 'MAMA_BEAR_NOT_GENERATING' } })
})

t.test('a socket joining mid-answer gets the text so far and the index of the next piece', async (t) => {
  fake.enqueue({ frames: openaiFrames({ text: ['Once upon ', 'a time'] }), stallAfter: 2, resumable: true })
  const first = await connected(t, remoteUrl, remote.adminToken)
  const firstChunk = once<any>(first, 'mama_bear_chunk')
  const { conversation_id: conversationId } = await ask(first, 'mama_bear_chat', { message: 'a story please' })
  await firstChunk
  const second = await connected(t, remoteUrl, remote.adminToken)
  const joined = await ask(second, 'mama_bear_join', { conversation_id: conversationId })
  t.match(joined, { ok: true, generating: true, answer: { message_id: String, content: 'Once upon ', next_index: 1 } })
  const next = once<any>(second, 'mama_bear_chunk')
  const done = once<any>(second, 'mama_bear_response')
  fake.resume()
  t.match(await next, { index: 1, delta: 'a time' }, 'the pieces go on from next_index')
  t.match(await done, { response: 'Once upon a time' })
  t.match(await ask(second, 'mama_bear_join', { conversation_id: conversationId }), { generating: false, answer: null }, 'nothing in progress once it ended')
})

t.test('at most N answers per user at once (429 over HTTP, an error event over Socket.IO), one per conversation', async (t) => {
  const stalled = { frames: openaiFrames({ text: ['thinking', '…'] }), stallAfter: 2 }
  fake.enqueue(stalled, stalled)
  const built = remote
  const url = remoteUrl
  const socket = await connected(t, url, built.adminToken)
  const one = await ask(socket, 'mama_bear_chat', { message: 'first' })
  t.match(await ask(socket, 'mama_bear_chat', { message: 'again', conversation_id: one.conversation_id }), { error: { code: 'MAMA_BEAR_CONVERSATION_BUSY' } },
    'one answer at a time in a conversation')
  await ask(socket, 'mama_bear_chat', { message: 'second' })

  const refused = once<any>(socket, 'error')
  t.match(await ask(socket, 'mama_bear_chat', { message: 'third' }), { error: { code: 'MAMA_BEAR_BUSY' } })
  t.match(await refused, { code: 'MAMA_BEAR_BUSY', event: 'mama_bear_chat', message: /2 answers being generated/ })
  const overHttp = await chat(built, 'fourth')
  t.equal(overHttp.statusCode, 429)
  t.equal(overHttp.json().code, 'MAMA_BEAR_BUSY')

  const otherUser = await tokenFor(built.app, 'someone-else', ['read', 'write'])
  fake.enqueue({ frames: openaiFrames({ text: ['free'] }) })
  t.equal((await chat(built, 'mine', {}, otherUser)).statusCode, 200, 'the limit is per user')

  const conversations = (await built.app.inject({ method: 'GET', url: '/api/chat/conversations', headers: built.auth() })).json()
  t.equal(conversations.items.filter((item: { generating: boolean }) => item.generating).length, 2)
  await ask(socket, 'mama_bear_stop', { conversation_id: one.conversation_id })
  fake.enqueue({ frames: openaiFrames({ text: ['room again'] }) })
  t.equal((await chat(built, 'fifth')).statusCode, 200, 'a stopped answer frees its place')
})

t.test('chatting over Socket.IO needs the write scope and a valid payload', async (t) => {
  const built = embedded
  const url = embeddedUrl
  const readerToken = await tokenFor(built.app, 'reader', ['read'])
  const reader = await connected(t, url, readerToken)
  t.match(await ask(reader, 'mama_bear_chat', { message: 'hi' }), { error: { code: 'AUTH_SCOPE' } })
  const writer = await connected(t, url, built.adminToken)
  t.match(await ask(writer, 'mama_bear_chat', { message: 'x'.repeat(10_001) }), { error: { code: 'INVALID_PAYLOAD' } })
  t.match(await ask(writer, 'mama_bear_join', { conversation_id: 'no-such-conversation' }), { error: { code: 'MAMA_BEAR_CONVERSATION_NOT_FOUND' } })
})
