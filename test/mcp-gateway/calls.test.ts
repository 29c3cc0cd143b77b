import { setTimeout as delay } from 'node:timers/promises'
import t from 'tap'
import parsePrometheusTextFormat from 'parse-prometheus-text-format'
import type { Progress } from '@modelcontextprotocol/sdk/types.js'
import { tokenFor } from '../helper.js'
import { gatewayApp, gatewayClient, run } from './helpers.js'

t.test('progress, cancellation and timeouts of upstream calls; every call recorded without its arguments, and counted', async (t) => {
  const gateway = await gatewayApp(t, { PODPLAY_MCP_CALL_TIMEOUT_MS: '3000' })
  const { app, adminToken, auth, remote } = gateway
  await run(gateway, adminToken, 'fixture-http', 'fixture-stdio')
  const { client } = await gatewayClient(t, gateway.url, adminToken)

  const progress: Progress[] = []
  const slept = await client.callTool({ name: 'fixture-http__sleep', arguments: { ms: 200, step_ms: 20 } }, undefined, { onprogress: (update) => progress.push(update) })
  t.match(slept.content, [{ type: 'text', text: 'slept 200 ms' }])
  t.ok(progress.length >= 2, `the upstream's progress reached the client (${progress.length} updates)`)
  t.match(progress[1], { progress: 20, total: 200 })

  const controller = new AbortController()
  const cancelled = client.callTool({ name: 'fixture-http__sleep', arguments: { ms: 60_000, step_ms: 50 } }, undefined, {
    signal: controller.signal,
    onprogress: () => controller.abort(new Error('the user pressed stop'))
  })
  await t.rejects(cancelled, /the user pressed stop/)
  while (remote.cancelled() === 0) await delay(20)
  t.equal(remote.cancelled(), 1, 'the client\'s notifications/cancelled cancelled the upstream request')

  const timedOut = await client.callTool({ name: 'fixture-http__sleep', arguments: { ms: 60_000, step_ms: 1000 } })
  t.match(timedOut, { isError: true, content: [{ type: 'text', text: /No answer to the tool 'sleep' within 3000 ms; the request was cancelled/ }] }, 'the runtime\'s timeout is an error result')
  await client.callTool({ name: 'fixture-stdio__fail', arguments: {} })
  await client.callTool({ name: 'fixture-stdio__echo', arguments: { text: 'a secret argument' } })
  await client.readResource({ uri: 'sanctuary://fixture-stdio/r/fixture%3A%2F%2Freadme' })
  await client.getPrompt({ name: 'fixture-stdio__greet', arguments: { name: 'Ann' } })
  await client.callTool({ name: 'system_status', arguments: {} })

  const bob = await gatewayClient(t, gateway.url, await tokenFor(app, 'bob', ['read', 'write']))
  await bob.client.callTool({ name: 'installed_servers', arguments: {} })

  const mine = await app.inject({ method: 'GET', url: '/api/mcp/gateway/calls?limit=100', headers: auth() })
  t.equal(mine.statusCode, 200)
  const calls = mine.json().items as Array<Record<string, unknown>>
  t.equal(mine.json().total, 9, 'an admin sees everyone\'s calls')
  const outcomes = calls.map((call) => `${call.method} ${call.server} ${call.name} ${call.outcome}`).reverse()
  t.same(outcomes, [
    'tools/call fixture-http sleep ok',
    'tools/call fixture-http sleep cancelled',
    'tools/call fixture-http sleep timeout',
    'tools/call fixture-stdio fail tool_error',
    'tools/call fixture-stdio echo ok',
    'resources/read fixture-stdio null ok',
    'prompts/get fixture-stdio greet ok',
    'tools/call sanctuary system_status ok',
    'tools/call sanctuary installed_servers ok'
  ])
  const first = calls.at(-1)!
  t.match(first, { user_id: (await app.tokens.ensureUser('admin')).id, session_id: /^[0-9a-f-]{36}$/, profile: null, error_code: null })
  t.ok(Number(first.duration_ms) >= 200, 'the duration is measured')
  t.match(calls.find((call) => call.outcome === 'timeout'), { error_code: 'MCP_CALL_TIMEOUT' })
  t.notMatch(mine.body, /a secret argument|Ann/, 'argument values are never recorded')

  const bobs = await app.inject({ method: 'GET', url: `/api/mcp/gateway/calls?user_id=${first.user_id}`, headers: auth(await tokenFor(app, 'bob', ['read'])) })
  t.same(bobs.json().items.map((call: { name: string }) => call.name), ['installed_servers'], 'anyone else sees only their own')
  const page = await app.inject({ method: 'GET', url: '/api/mcp/gateway/calls?limit=2&outcome=ok&server=fixture-http', headers: auth() })
  t.match(page.json(), { total: 1, next_cursor: null, items: [{ name: 'sleep', outcome: 'ok' }] }, 'filters')
  const firstPage = (await app.inject({ method: 'GET', url: '/api/mcp/gateway/calls?limit=4', headers: auth() })).json()
  const secondPage = (await app.inject({ method: 'GET', url: `/api/mcp/gateway/calls?limit=4&cursor=${firstPage.next_cursor}`, headers: auth() })).json()
  t.same([...firstPage.items, ...secondPage.items].map((call: { id: string }) => call.id), calls.slice(0, 8).map((call) => call.id), 'pages follow next_cursor')
  t.equal((await app.inject({ method: 'GET', url: '/api/mcp/gateway/calls?cursor=bm9wZQ', headers: auth() })).statusCode, 400)

  const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: auth() })
  const families = new Map(parsePrometheusTextFormat(metrics.body).map((family) => [family.name, family]))
  const counted = families.get('podplay_gateway_calls_total')!.metrics as Array<{ labels: Record<string, string>, value: string }>
  t.match(counted.find((metric) => metric.labels.outcome === 'cancelled'), { labels: { server: 'fixture-http', tool: 'sleep' }, value: '1' })
  t.match(counted.find((metric) => metric.labels.server === 'fixture-stdio' && metric.labels.tool === 'resources/read'), { value: '1' }, 'a read is counted by its method')
  t.ok(families.get('podplay_gateway_call_duration_seconds'), 'a duration histogram')
  t.equal(families.get('podplay_gateway_sessions')!.metrics[0].value, '2', 'open sessions')
})
