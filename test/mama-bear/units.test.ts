import { getEventListeners } from 'node:events'
import t from 'tap'
import { Type } from '@sinclair/typebox'
import pino from 'pino'
import { withSilenceLimit } from '../../services/mama-bear/guard.js'
import { projectTypeOf, understand } from '../../services/mama-bear/embedded/intent.js'
import { mcpToolName, renderMcpContent } from '../../services/mama-bear/tools/mcp.js'
import { parseToolArguments } from '../../services/mama-bear/providers/types.js'
import { describeCause, providerFailure } from '../../services/mama-bear/providers/failure.js'
import { toTurns } from '../../services/mama-bear/history.js'
import { exportMarkdown } from '../../services/mama-bear/export.js'
import { Toolbox, defineTool, runTool, type Tool } from '../../services/mama-bear/tools.js'
import { decodeCursor, encodeCursor } from '../../services/mama-bear/records.js'
import { EmbeddedProvider } from '../../services/mama-bear/providers/embedded.js'
import type { StoredMessage } from '../../services/mama-bear/store.js'
import type { Conversation } from '../../schemas/chat.js'

const log = pino({ level: 'silent' })

async function * slowly (items: string[], pauseMs: number[]) {
  for (const [index, item] of items.entries()) {
    await new Promise((resolve) => setTimeout(resolve, pauseMs[index]))
    yield item
  }
}

t.test('the silence limit passes items through, and gives up on a silent source', async (t) => {
  const seen: string[] = []
  for await (const item of withSilenceLimit(slowly(['a', 'b'], [0, 0]), { firstMs: 100, idleMs: 100 }, new AbortController(), () => new Error('silent'))) seen.push(item)
  t.same(seen, ['a', 'b'])

  const controller = new AbortController()
  const late = withSilenceLimit(slowly(['a', 'b'], [0, 500]), { firstMs: 1000, idleMs: 50 }, controller, () => new Error('too quiet'))
  t.equal((await late.next()).value, 'a')
  await t.rejects(late.next(), /too quiet/)
  t.equal(controller.signal.aborted, true, 'the request is aborted at the source')

  const stopped = new AbortController()
  const waiting = withSilenceLimit(slowly(['a'], [500]), { firstMs: 1000, idleMs: 1000 }, stopped, () => new Error('never'))
  const pending = waiting.next()
  stopped.abort(new Error('stop now'))
  await t.rejects(pending, /stop now/, 'an abort ends the wait at once')
  await t.rejects(withSilenceLimit(slowly(['a'], [0]), { firstMs: 10, idleMs: 10 }, stopped, () => new Error('x')).next(), /stop now/, 'and a new wait never starts')

  async function * failing () { throw new Error('provider broke') }
  await t.rejects(withSilenceLimit(failing(), { firstMs: 100, idleMs: 100 }, new AbortController(), () => new Error('x')).next(), /provider broke/)
})

t.test('the silence limit times only the waits on the source, with one listener for the whole stream', async (t) => {
  const controller = new AbortController()
  const seen: string[] = []
  // The consumer holds each item for three idle limits (a tool call runs meanwhile): that is not silence.
  for await (const item of withSilenceLimit(slowly(['a', 'b', 'c'], [0, 0, 0]), { firstMs: 50, idleMs: 50 }, controller, () => new Error('silent'))) {
    seen.push(item)
    t.equal(getEventListeners(controller.signal, 'abort').length, 1, 'one abort listener while the stream runs')
    await new Promise((resolve) => setTimeout(resolve, 150))
  }
  t.same(seen, ['a', 'b', 'c'])
  t.equal(controller.signal.aborted, false)
  t.equal(getEventListeners(controller.signal, 'abort').length, 0, 'and none once it is done')

  // Waits after the first share the idle limit, however many items came before.
  const later = new AbortController()
  const stream = withSilenceLimit(slowly(['a', 'b', 'c'], [0, 10, 300]), { firstMs: 1000, idleMs: 100 }, later, () => new Error('quiet at the third'))
  t.equal((await stream.next()).value, 'a')
  t.equal((await stream.next()).value, 'b')
  await t.rejects(stream.next(), /quiet at the third/)
})

t.test('the embedded assistant understands what is asked', async (t) => {
  t.same(understand('Hello Mama Bear'), { kind: 'greeting' })
  t.same(understand('Good morning, Mama Bear!'), { kind: 'greeting' })
  t.same(understand(''), { kind: 'greeting' })
  t.same(understand('hello, can you find a database server?'), { kind: 'search', query: 'database', asked: 'find' })
  t.same(understand('I need something for Slack messages'), { kind: 'search', query: 'slack messages', asked: 'find' })
  t.same(understand('How do I connect to my Postgres database?'), { kind: 'search', query: 'postgres database', asked: 'setup' })
  t.same(understand('show the status of my servers'), { kind: 'installed' })
  t.same(understand('show my running servers'), { kind: 'installed' })
  t.same(understand('What should I install for a data science project?'), { kind: 'recommend', projectType: 'data_science' })
  t.same(understand('recommend something'), { kind: 'recommend', projectType: 'general' })
  t.same(understand('Give me the daily briefing'), { kind: 'briefing' })
  t.same(understand('how is the server doing? memory?'), { kind: 'status' })
  t.same(understand('list your tools'), { kind: 'tools' })
  t.same(understand('what can you do'), { kind: 'help' })
  t.same(understand('kubernetes'), { kind: 'search', query: 'kubernetes', asked: 'guess' }, 'a bare word is a guess')
  t.same(understand('Find me an MCP server for C++ and node.js!'), { kind: 'search', query: 'c++ node js', asked: 'find' }, 'words as the catalog search splits them')
  t.same(understand('x'.repeat(41)), { kind: 'greeting' }, 'pasted data is not a word')
  t.equal(projectTypeOf('deploying to kubernetes'), 'devops')
  t.equal(projectTypeOf('my blog'), 'content_management')
  t.equal(projectTypeOf('a REST api'), 'web_development')
})

t.test('the embedded provider streams signed pieces and stops when aborted', async (t) => {
  const provider = new EmbeddedProvider()
  t.same(await provider.probe(), { models: ['mama-bear-builtin'] })
  const pieces: string[] = []
  for await (const event of provider.stream({ system: '', turns: [{ role: 'user', content: 'status' }], tools: [], toolChoice: 'auto' }, new AbortController().signal)) {
    if (event.type === 'text') pieces.push(event.delta)
  }
  t.match(pieces.join(''), /built-in assistant, and the system status is not available/)

  const controller = new AbortController()
  const iterator = provider.stream({ system: '', turns: [{ role: 'user', content: 'help' }], tools: [], toolChoice: 'auto' }, controller.signal)[Symbol.asyncIterator]()
  await iterator.next()
  controller.abort(new Error('stopped'))
  await t.rejects(iterator.next(), /stopped/)

  const results: string[] = []
  const turns = [
    { role: 'user' as const, content: 'anything' },
    { role: 'assistant' as const, content: '', tool_calls: [{ id: '1', name: 'mcp__x__y', arguments: {} }] },
    { role: 'tool' as const, tool_call_id: '1', name: 'mcp__x__y', content: 'plain words', is_error: false },
    { role: 'tool' as const, tool_call_id: '2', name: 'marketplace_search', content: '{"cut short', is_error: false },
    { role: 'tool' as const, tool_call_id: '3', name: 'system_status', content: 'boom', is_error: true }
  ]
  for await (const event of provider.stream({ system: '', turns, tools: [], toolChoice: 'none' }, new AbortController().signal)) {
    if (event.type === 'text') results.push(event.delta)
  }
  const text = results.join('')
  t.match(text, /`mcp__x__y` answered:\n\nplain words/)
  t.match(text, /`marketplace_search` answered:\n\n\{"cut short/)
  t.match(text, /I tried to use `system_status`, but it failed: boom/)
})

t.test('MCP tool names are safe for every provider and unique', async (t) => {
  t.equal(mcpToolName('fetch', 'get_page'), 'mcp__fetch__get_page')
  const odd = mcpToolName('io.github.user/server', 'read-file')
  t.match(odd, /^mcp__io_github_user_server__read-file_[0-9a-f]{8}$/)
  t.not(mcpToolName('a.b', 't'), mcpToolName('a_b', 't'), 'two names that clean up alike stay apart')
  const long = mcpToolName('x'.repeat(60), 'tool')
  t.equal(long.length, 64)
  t.equal(renderMcpContent({ content: [{ type: 'text', text: 'hi' }, { type: 'image', mimeType: 'image/png', data: 'AAAA' }, { type: 'resource_link', uri: 'file:///a' }], is_error: false }),
    'hi\n[image image/png]\n{"type":"resource_link","uri":"file:///a"}')
  t.equal(renderMcpContent({ content: [], is_error: false, structured_content: { n: 1 } }), '{"n":1}')
})

t.test('tool arguments, causes and cursors', async (t) => {
  t.same(parseToolArguments(''), { arguments: {} })
  t.same(parseToolArguments('{"a":1}'), { arguments: { a: 1 } })
  t.match(parseToolArguments('[1]'), { arguments: {}, argumentsError: /not a JSON object: \[1\]/ })
  t.match(parseToolArguments('{oops'), { argumentsError: /not a JSON object/ })

  t.equal(describeCause('plain'), 'plain')
  t.equal(describeCause(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })), 'fetch failed (ECONNREFUSED)')
  t.equal(describeCause(new Error('x'.repeat(400))).length, 300)
  class APIConnectionTimeoutError extends Error {}
  t.match(providerFailure('openai', new APIConnectionTimeoutError('Request timed out.'), 1000), { code: 'AI_PROVIDER_TIMEOUT', statusCode: 504, message: 'The openai provider did not answer within 1000 ms' })
  t.match(providerFailure('gemini', new Error('boom'), 1000), { code: 'AI_PROVIDER_ERROR', statusCode: 502, message: 'The gemini provider failed: boom' })

  t.same(decodeCursor(encodeCursor(['2026-01-01', 'id'])), ['2026-01-01', 'id'])
  t.equal(decodeCursor('bm9wZQ'), null)
  t.equal(decodeCursor(Buffer.from('[1,2]').toString('base64url')), null)
})

t.test('history becomes provider-neutral turns, earlier tool use as notes', async (t) => {
  const base = { conversation_id: 'c', user_id: 'u', provider: null, model: null, usage: null, timings: null, error: null, created_at: '', completed_at: '', generated_by: null, lease_until: null }
  const call = { id: 't', message_id: 'a', step: 0, position: 0, call_id: 'x', name: 'marketplace_search', arguments: '{"query":"db"}', result: '{"total":1}', is_error: 0, created_at: '', completed_at: '' }
  const messages: StoredMessage[] = [
    { ...base, id: 'q', seq: 0, role: 'user', content: 'find db', stopped: 0, toolCalls: [] },
    { ...base, id: 'a', seq: 1, role: 'assistant', content: 'Found one.', stopped: 0, toolCalls: [call, { ...call, result: null, is_error: 1 }] },
    { ...base, id: 'q2', seq: 2, role: 'user', content: 'and?', stopped: 0, toolCalls: [] },
    { ...base, id: 'a2', seq: 3, role: 'assistant', content: 'Well', stopped: 1, toolCalls: [] },
    { ...base, id: 'a3', seq: 4, role: 'assistant', content: '', stopped: 0, toolCalls: [], error: '{}' }
  ]
  t.same(toTurns(messages), [
    { role: 'user', content: 'find db' },
    { role: 'assistant', content: '[used tool marketplace_search {"query":"db"}: {"total":1}]\n[used tool marketplace_search {"query":"db"} (failed): no result]\nFound one.' },
    { role: 'user', content: 'and?' },
    { role: 'assistant', content: 'Well\n[the user stopped this answer here]' }
  ])
})

t.test('the Markdown export marks stopped, failed and unfinished answers', async (t) => {
  const message = { conversation_id: 'c', usage: null, timings: null, tool_calls: [], completed_at: null, created_at: 'T' }
  const exported = exportMarkdown({
    id: 'c',
    title: 'T',
    message_count: 3,
    generating: true,
    created_at: 'T',
    updated_at: 'T',
    messages: [
      { ...message, id: '1', role: 'assistant', content: 'part', status: 'stopped', provider: 'openai', model: null, stopped: true, error: null },
      { ...message, id: '2', role: 'assistant', content: '', status: 'error', provider: null, model: null, stopped: false, error: { code: 'X', message: 'it broke', provider: 'openai' } },
      { ...message, id: '3', role: 'assistant', content: '', status: 'generating', provider: 'openai', model: 'm', stopped: false, error: null, tool_calls: [{ id: 't', name: 'x', arguments: {}, result: null, is_error: false, step: 0, created_at: 'T', completed_at: null }] }
    ]
  } as Conversation)
  t.match(exported, '## Mama Bear (openai) · T _(stopped)_')
  t.match(exported, '## Mama Bear (unknown) · T _(failed: it broke)_')
  t.match(exported, '## Mama Bear (openai · m) · T _(still being written)_')
  t.match(exported, '> 🔧 `x` {} (no result)')
})

t.test('tools: registration, sources, limits and failures', async (t) => {
  const box = new Toolbox()
  const echo = defineTool({ name: 'echo', description: 'echo', input: Type.Object({ text: Type.String() }), run: async ({ text }) => text })
  box.register(echo)
  t.throws(() => box.register(echo), /already registered/)
  box.addSource(async () => { throw new Error('source down') })
  box.addSource(async (userId) => [{ ...echo, name: `for_${userId}` }])
  t.same((await box.forUser('u1', log)).map((tool) => tool.name), ['echo', 'for_u1'], 'a failing source is left out')
  t.same(box.names, ['echo'])

  const context = { userId: 'u', signal: new AbortController().signal }
  t.same(await runTool(echo, { text: 'hi' }, context, 1000, log), { content: 'hi', is_error: false })
  t.match(await runTool(echo, {}, context, 1000, log), { is_error: true, content: /^Invalid arguments: \/text/ })
  const hanging: Tool = { ...echo, execute: () => new Promise(() => {}) }
  t.same(await runTool(hanging, {}, context, 20, log), { content: 'The tool echo failed: it did not answer within 20 ms', is_error: true })
  const coded: Tool = { ...echo, execute: async () => { throw Object.assign(new Error('not running'), { code: 'MCP_NOT_RUNNING', statusCode: 409 }) } }
  t.same(await runTool(coded, {}, context, 1000, log), { content: 'The tool echo failed: not running', is_error: true })
  const broken: Tool = { ...echo, execute: async () => { throw new Error('secret internals') } }
  t.same(await runTool(broken, {}, context, 1000, log), { content: 'The tool echo failed with an internal error', is_error: true })
  const huge: Tool = { ...echo, execute: async () => ({ content: 'x'.repeat(25_000), is_error: false }) }
  t.match((await runTool(huge, {}, context, 1000, log)).content, /\[truncated: 5000 more characters\]$/)
  const controller = new AbortController()
  const running = runTool(hanging, {}, { userId: 'u', signal: controller.signal }, 1000, log)
  controller.abort(new Error('stopped'))
  await t.rejects(running, /stopped/, 'a stop is not turned into a tool result')
})
