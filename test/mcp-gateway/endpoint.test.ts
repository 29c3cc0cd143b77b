import { request as httpRequest } from 'node:http'
import t from 'tap'
import { build, listen, tokenFor } from '../helper.js'
import { gatewayClient } from './helpers.js'

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1.0.0' } } }
const listTools = { jsonrpc: '2.0', id: 2, method: 'tools/list' }

/** One raw POST to /mcp, as a client without the SDK would send it. */
async function post (url: string, token: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  return await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body)
  })
}

/** Opens a session without the SDK (so no GET stream keeps it busy); answers its id. */
async function openSession (url: string, token: string): Promise<string> {
  const response = await post(url, token, initialize)
  await response.text()
  return response.headers.get('mcp-session-id')!
}

/** A POST with a Host header of our choosing (fetch will not send one). */
function postWithHost (url: string, host: string, token: string): Promise<{ status: number, body: { code?: string } }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${url}/mcp`, { method: 'POST', headers: { host, authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' } }, (response) => {
      let text = ''
      response.setEncoding('utf8').on('data', (chunk: string) => { text += chunk }).on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }))
    })
    sent.on('error', reject)
    sent.end(JSON.stringify(initialize))
  })
}

const inSession = (id: string) => ({ 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' })

t.test('sessions: initialize opens one, others need it, unknown ones are 404, DELETE ends one', async (t) => {
  const { app, adminToken } = await build(t, { PODPLAY_CORS_ORIGINS: 'http://app.example' })
  const url = await listen(app)

  const opened = await post(url, adminToken, initialize, { origin: 'http://app.example' })
  t.equal(opened.status, 200)
  const id = opened.headers.get('mcp-session-id')
  t.match(id, /^[0-9a-f-]{36}$/, 'the session id is in Mcp-Session-Id')
  t.match(await opened.text(), /"serverInfo":\{"name":"podplay-sanctuary"/)
  t.equal(opened.headers.get('access-control-allow-origin'), 'http://app.example', 'CORS survives the hijacked reply')
  t.match(opened.headers.get('access-control-expose-headers'), /mcp-session-id/, 'a browser may read the session id')
  t.ok(opened.headers.get('x-request-id'), 'so does the request id')
  const preflight = await fetch(`${url}/mcp`, { method: 'OPTIONS', headers: { origin: 'http://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, mcp-session-id, mcp-protocol-version' } })
  t.equal(preflight.status, 204)
  t.match(preflight.headers.get('access-control-allow-headers'), /mcp-session-id/)

  const listed = await post(url, adminToken, listTools, inSession(id!))
  t.equal(listed.status, 200)
  t.match(await listed.text(), /"name":"marketplace_search"/)

  const noSession = await post(url, adminToken, listTools)
  t.equal(noSession.status, 400, 'a request without a session that is not an initialize')
  t.match(await noSession.json(), { statusCode: 400, code: 'MCP_SESSION_REQUIRED', request_id: /./ })
  const unknown = await post(url, adminToken, listTools, inSession('00000000-0000-4000-8000-000000000000'))
  t.equal(unknown.status, 404, 'an unknown session is 404, so the client initialises again')
  t.match(await unknown.json(), { statusCode: 404, error: 'Not Found', code: 'MCP_SESSION_NOT_FOUND' })
  const stream = await fetch(`${url}/mcp`, { headers: { authorization: `Bearer ${adminToken}`, accept: 'text/event-stream' } })
  t.equal(stream.status, 400, 'a stream needs a session')

  const other = await post(url, await tokenFor(app, 'mallory', ['read', 'write']), listTools, inSession(id!))
  t.equal(other.status, 404, 'another user\'s session is as unknown as a closed one')
  const anonymous = await post(url, undefined, initialize)
  t.equal(anonymous.status, 401)
  t.match(anonymous.headers.get('www-authenticate'), /^Bearer /)
  t.equal((await anonymous.json() as { code: string }).code, 'AUTH_REQUIRED')

  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.match(ready.json().services['mcp-gateway'], { status: 'up', detail: '1 open sessions' })

  const ended = await fetch(`${url}/mcp`, { method: 'DELETE', headers: { authorization: `Bearer ${adminToken}`, ...inSession(id!) } })
  t.equal(ended.status, 200)
  t.equal((await post(url, adminToken, listTools, inSession(id!))).status, 404, 'an ended session is gone')
  t.equal(app.mcpGateway.openSessions, 0)
})

t.test('idle sessions expire; a user\'s sessions are bounded, the least recently used giving way', async (t) => {
  const { app, adminToken } = await build(t, { PODPLAY_MCP_SESSION_IDLE_MS: '1000', PODPLAY_MCP_MAX_SESSIONS_PER_USER: '2' })
  const url = await listen(app)
  const first = await openSession(url, adminToken)
  const second = await openSession(url, adminToken)
  t.equal((await post(url, adminToken, listTools, inSession(first))).status, 200, 'the first is used again: the second is now the least recent')
  const third = await openSession(url, adminToken)
  t.equal(app.mcpGateway.openSessions, 2)
  t.equal((await post(url, adminToken, listTools, inSession(second))).status, 404, 'the least recently used session gave way')
  t.equal((await post(url, adminToken, listTools, inSession(third))).status, 200)
  await openSession(url, await tokenFor(app, 'bob', ['read']))
  t.equal(app.mcpGateway.openSessions, 3, 'the bound is per user')

  const streamed = await gatewayClient(t, url, adminToken)
  await streamed.streaming
  while (app.mcpGateway.openSessions > 1) await new Promise((resolve) => setTimeout(resolve, 100))
  t.equal((await post(url, adminToken, listTools, inSession(third))).status, 404, 'an idle session expired')
  t.ok((await streamed.client.listTools()).tools.length > 0, 'one with its stream open is not idle')
})

t.test('shutting down ends open sessions and their streams', async (t) => {
  const { app, adminToken } = await build(t)
  const url = await listen(app)
  const { client, streaming } = await gatewayClient(t, url, adminToken)
  await streaming
  await app.close()
  t.equal(app.mcpGateway.openSessions, 0, 'closed without waiting for the stream to end by itself')
  await t.rejects(client.listTools(), 'the client finds the server gone')
})

t.test('the origin and host policy covers /mcp', async (t) => {
  const { app, adminToken } = await build(t)
  const url = await listen(app)
  const foreignOrigin = await post(url, adminToken, initialize, { origin: 'http://evil.example' })
  t.equal(foreignOrigin.status, 403, 'a present, foreign Origin')
  t.equal((await foreignOrigin.json() as { code: string }).code, 'ORIGIN_NOT_ALLOWED')
  const foreignHost = await postWithHost(url, 'rebound.example', adminToken)
  t.equal(foreignHost.status, 403, 'a Host outside the allowed hosts (DNS rebinding)')
  t.equal(foreignHost.body.code, 'HOST_NOT_ALLOWED')
  t.equal(app.mcpGateway.openSessions, 0, 'neither opened a session')
  const sameOrigin = await post(url, adminToken, initialize, { origin: url })
  t.equal(sameOrigin.status, 200, 'the service\'s own origin is welcome')
})
