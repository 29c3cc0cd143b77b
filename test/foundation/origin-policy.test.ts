import t, { type Test } from 'tap'
import WebSocket from 'ws'
import type { App } from '../../app.js'
import { OriginPolicy } from '../../plugins/origin-policy.js'
import { build, listen, once, rawRequest, socketClient } from '../helper.js'

const FOREIGN = 'http://evil.example'
const ENGINE_POLLING = '/socket.io/?EIO=4&transport=polling'
const ENGINE_WEBSOCKET = '/socket.io/?EIO=4&transport=websocket'

/** An echo route on the raw WebSocket plugin, the way terminals use it. */
function echoRoute (app: App) {
  app.get('/test-echo', { websocket: true }, (connection) => {
    connection.on('message', (message: Buffer) => connection.send(`echo:${message.toString()}`))
  })
}

/** Opens a raw WebSocket; resolves 'open' or the status and body of the refusal. */
function upgrade (t: Test, url: string, path: string, headers: Record<string, string>): Promise<{ opened: true } | { statusCode: number, body: string }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}${path}`, { headers })
  ws.on('error', () => {})
  t.teardown(() => ws.terminate())
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ opened: true }))
    ws.once('unexpected-response', (_request, response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => { body += chunk })
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, body }))
    })
  })
}

t.test('the service\'s own origin connects on any port with no CORS configuration', async (t) => {
  const { app, adminToken, auth } = await build(t)
  echoRoute(app)
  const url = await listen(app)
  t.not(new URL(url).port, '3000')

  const socket = socketClient(t, url, adminToken, { extraHeaders: { origin: url } })
  await once(socket, 'connected')
  t.equal(socket.io.engine.transport.name, 'websocket')
  const polling = socketClient(t, url, adminToken, { transports: ['polling'], extraHeaders: { origin: url } })
  await once(polling, 'connected')
  t.pass('long-polling from the own origin connects too')

  t.same(await upgrade(t, url, '/test-echo', { origin: url }), { opened: true }, 'a raw WebSocket from the own origin opens')
  const localhostUrl = url.replace('127.0.0.1', 'localhost')
  t.same(await upgrade(t, localhostUrl, '/test-echo', { origin: localhostUrl }), { opened: true }, 'so does one addressed as localhost')

  const me = await rawRequest(url, '/api/auth/me', { headers: { ...auth(), origin: url } })
  t.equal(me.statusCode, 200)
  t.equal(me.headers['access-control-allow-origin'], undefined, 'a same-origin answer needs no CORS headers')
})

t.test('a foreign Origin is refused on HTTP, Socket.IO and WebSockets; a listed one is allowed', async (t) => {
  const listed = 'http://app.example:8080'
  const { app, adminToken, auth } = await build(t, { PODPLAY_CORS_ORIGINS: listed })
  echoRoute(app)
  const url = await listen(app)

  for (const path of ['/api/auth/me', '/health', '/openapi.json']) {
    const refused = await rawRequest(url, path, { headers: { ...auth(), origin: FOREIGN } })
    t.equal(refused.statusCode, 403, `${path} from a foreign page`)
    t.match(JSON.parse(refused.body), { statusCode: 403, error: 'Forbidden', code: 'ORIGIN_NOT_ALLOWED', message: /Origin http:\/\/evil\.example is not allowed.*PODPLAY_CORS_ORIGINS/, request_id: String })
  }
  const nullOrigin = await rawRequest(url, '/api/auth/me', { headers: { ...auth(), origin: 'null' } })
  t.equal(nullOrigin.statusCode, 403, 'an opaque origin (a sandboxed frame, a file) is foreign too')

  const polling = await rawRequest(url, ENGINE_POLLING, { headers: { origin: FOREIGN } })
  t.equal(polling.statusCode, 403)
  t.match(JSON.parse(polling.body), { code: 'ORIGIN_NOT_ALLOWED', request_id: String })
  const engineUpgrade = await upgrade(t, url, ENGINE_WEBSOCKET, { origin: FOREIGN })
  t.match(engineUpgrade, { statusCode: 403 })
  t.match(JSON.parse((engineUpgrade as { body: string }).body), { code: 'ORIGIN_NOT_ALLOWED' }, 'the Socket.IO upgrade gets the same error body')
  t.match(await upgrade(t, url, '/test-echo', { origin: FOREIGN }), { statusCode: 403 })
  t.ok(await once(socketClient(t, url, adminToken, { extraHeaders: { origin: FOREIGN } }), 'connect_error'))

  const fromListed = await rawRequest(url, '/api/auth/me', { headers: { ...auth(), origin: listed } })
  t.equal(fromListed.statusCode, 200)
  t.equal(fromListed.headers['access-control-allow-origin'], listed)
  t.match(fromListed.headers['access-control-expose-headers'], /x-request-id/)
  t.same(await upgrade(t, url, '/test-echo', { origin: listed }), { opened: true })
  const socket = socketClient(t, url, adminToken, { extraHeaders: { origin: listed } })
  await once(socket, 'connected')
  t.pass('a listed origin opens Socket.IO')
})

t.test('a Host outside the allowed hosts is refused before auth, everywhere', async (t) => {
  const { app, auth } = await build(t)
  echoRoute(app)
  const url = await listen(app)
  const evil = { host: 'evil.example' }

  for (const [path, headers] of [['/api/auth/me', auth()], ['/api/auth/me', {}], ['/health', {}], ['/health/ready', {}]] as const) {
    const refused = await rawRequest(url, path, { headers: { ...headers, ...evil } })
    t.equal(refused.statusCode, 403, `${path} addressed to a foreign name`)
    t.match(JSON.parse(refused.body), { code: 'HOST_NOT_ALLOWED', message: /Host "evil\.example" is not allowed.*PODPLAY_ALLOWED_HOSTS/, request_id: String })
    t.equal(refused.headers['x-request-id'], JSON.parse(refused.body).request_id)
  }
  t.match(JSON.parse((await rawRequest(url, ENGINE_POLLING, { headers: evil })).body), { statusCode: 403, code: 'HOST_NOT_ALLOWED' }, 'Socket.IO polling')
  const engineUpgrade = await upgrade(t, url, ENGINE_WEBSOCKET, evil)
  t.match(engineUpgrade, { statusCode: 403 }, 'the Socket.IO upgrade')
  t.match(await upgrade(t, url, '/test-echo', evil), { statusCode: 403 }, 'a raw WebSocket')
  t.ok(await once(socketClient(t, url, 'pps_any', { extraHeaders: evil }), 'connect_error'))

  const port = new URL(url).port
  for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost.']) {
    t.equal((await rawRequest(url, '/api/auth/me', { headers: { ...auth(), host } })).statusCode, 200, `Host ${host}`)
  }
  t.equal((await rawRequest(url, '/api/auth/me', { headers: { ...auth(), host: 'evil.example', origin: 'http://evil.example' } })).statusCode, 403,
    'a rebinding page\'s own origin is not a same-origin pass')
})

t.test('PODPLAY_ALLOWED_HOSTS adds names, a leading dot adds subdomains, * turns the check off', async (t) => {
  const { app, auth } = await build(t, { PODPLAY_ALLOWED_HOSTS: 'sanctuary.example,.team.example' })
  const status = async (host: string) => (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { ...auth(), host } })).statusCode
  t.equal(await status('sanctuary.example:8443'), 200)
  t.equal(await status('team.example'), 200)
  t.equal(await status('ci.team.example'), 200)
  t.equal(await status('sub.sanctuary.example'), 403, 'an exact name does not cover its subdomains')
  t.equal(await status('evilteam.example'), 403)

  const sameOriginOnNamedHost = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { ...auth(), host: 'sanctuary.example:8443', origin: 'http://sanctuary.example:8443' } })
  t.equal(sameOriginOnNamedHost.statusCode, 200, 'a page served under an allowed name is same-origin there')

  const open = await build(t, { PODPLAY_ALLOWED_HOSTS: '*' })
  t.equal((await open.app.inject({ method: 'GET', url: '/health', headers: { host: 'anything.example' } })).statusCode, 200)
})

t.test('every operation\'s preflight from an allowed origin permits its method and headers; a foreign one is refused', async (t) => {
  const listed = 'https://dashboard.example'
  const { app } = await build(t, { PODPLAY_CORS_ORIGINS: listed })
  const url = await listen(app)
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    paths: Record<string, Record<string, { security?: unknown[], requestBody?: unknown, parameters?: Array<{ in: string, name: string }> }>>
  }
  let checked = 0
  for (const [template, operations] of Object.entries(document.paths)) {
    const path = template.replace(/\{[^}]+\}/g, 'x')
    for (const [method, operation] of Object.entries(operations)) {
      const headers = [
        'authorization',
        ...(operation.requestBody ? ['content-type'] : []),
        ...(operation.parameters ?? []).filter((parameter) => parameter.in === 'header').map((parameter) => parameter.name.toLowerCase())
      ]
      const request = { 'access-control-request-method': method.toUpperCase(), 'access-control-request-headers': headers.join(',') }
      const allowed = await rawRequest(url, path, { method: 'OPTIONS', headers: { ...request, origin: listed } })
      const what = `${method.toUpperCase()} ${template}`
      if (allowed.statusCode !== 204) t.fail(`${what}: preflight answered ${allowed.statusCode}`)
      t.equal(allowed.headers['access-control-allow-origin'], listed, what)
      t.ok(allowed.headers['access-control-allow-methods']?.split(/,\s*/).includes(method.toUpperCase()), `${what}: method allowed`)
      const allowedHeaders = allowed.headers['access-control-allow-headers']?.split(/,\s*/) ?? []
      for (const header of headers) t.ok(allowedHeaders.includes(header), `${what}: ${header} allowed`)
      t.ok(Number(allowed.headers['access-control-max-age']) >= 600, `${what}: cached`)

      const foreign = await rawRequest(url, path, { method: 'OPTIONS', headers: { ...request, origin: FOREIGN } })
      t.equal(foreign.statusCode, 403, `${what} from a foreign origin`)
      t.equal(foreign.headers['access-control-allow-origin'], undefined)
      checked += 1
    }
  }
  t.ok(checked > 50, `${checked} operations checked`)
  t.ok(Object.values(document.paths).some((operations) => 'delete' in operations && 'put' in operations), 'the document has PUT and DELETE operations to check')
})

t.test('the policy remembers its decisions, within a bound, and they stay right', async (t) => {
  const policy = new OriginPolicy({ allowedHosts: ['localhost', '.example.com'], corsOrigins: ['http://app.example:8080'] })
  for (let round = 0; round < 2; round++) {
    t.ok(policy.hostAllowed('localhost:3000'))
    t.ok(policy.hostAllowed('api.example.com'))
    t.notOk(policy.hostAllowed('evil.example'))
    t.ok(policy.originAllowed('http://localhost:3000', 'localhost:3000', false), 'same origin')
    t.notOk(policy.originAllowed('http://localhost:3000', 'localhost:3000', true), 'another scheme is another origin')
    t.notOk(policy.originAllowed('not a url', 'localhost:3000', false))
  }
  // Hosts are the client's to choose: more than the bound of them forgets, never decides wrongly.
  t.ok(Array.from({ length: 2500 }, (_, index) => policy.hostAllowed(`h${index}.example.com`)).every(Boolean))
  for (let index = 0; index < 2500; index++) policy.originAllowed(`http://h${index}.test`, 'localhost', false)
  t.notOk(policy.hostAllowed('evil.example'))
  t.ok(policy.originAllowed('http://localhost', 'localhost', false))
})
