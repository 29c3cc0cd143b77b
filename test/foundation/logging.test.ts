import { Writable } from 'node:stream'
import pino from 'pino'
import t from 'tap'
import { loggerOptions } from '../../app.js'
import { lazyChildLogger, levelEnabled } from '../../plugins/lazy-logger.js'
import { build } from '../helper.js'

function capture () {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({ write (chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done() } })
  return { lines, stream }
}

t.test('a request\'s logger is made on its first line, with the request\'s bindings and level', async (t) => {
  const { lines, stream } = capture()
  const parent = pino({ level: 'warn' }, stream)
  const child = lazyChildLogger(parent, { request_id: 'r-1' }, {})
  t.equal(child.level, 'warn', 'the parent\'s level')
  child.info('left out')
  child.debug('left out')
  t.equal(lines.length, 0)
  child.warn({ detail: 1 }, 'kept')
  child.error('kept too')
  t.match(lines, [{ level: 40, request_id: 'r-1', detail: 1, msg: 'kept' }, { level: 50, request_id: 'r-1', msg: 'kept too' }])
  child.info('once made, the child decides')
  t.equal(lines.length, 2)

  parent.level = 'trace'
  const later = lazyChildLogger(parent, { request_id: 'r-2' }, {})
  t.equal(later.level, 'trace', 'a level changed at run time (PUT /api/control/log-level) is read at once')
  later.trace('traced')
  later.fatal('fatal')
  t.match(lines.slice(2), [{ level: 10, request_id: 'r-2' }, { level: 60 }])

  const quiet = lazyChildLogger(parent, { request_id: 'r-3' }, { level: 'error' })
  t.equal(quiet.level, 'error', 'a route\'s own log level')
  quiet.warn('left out')
  t.equal(lines.length, 4)
  quiet.level = 'info'
  quiet.info('now kept')
  t.match(lines.at(-1), { request_id: 'r-3', msg: 'now kept' })
  quiet.child({ tool: 'x' }).info('nested')
  t.match(lines.at(-1), { request_id: 'r-3', tool: 'x', msg: 'nested' })
  quiet.silent('never written')
  t.match(lines.at(-1), { msg: 'nested' }, 'silent writes nothing')

  t.ok(levelEnabled(undefined, 'trace'), 'a logger without a level writes what it is given')
  t.notOk(levelEnabled('silent', 'fatal'))
})

t.test('requests log one line each, probes only at debug, with the redaction in force', async (t) => {
  const { lines, stream } = capture()
  const { app, auth } = await build(t, {}, { logger: { ...loggerOptions('info'), stream } })
  await app.inject({ method: 'GET', url: '/health' })
  await app.inject({ method: 'GET', url: '/api/auth/me', headers: auth() })
  const requests = lines.filter((line) => line.msg === 'request')
  t.equal(requests.length, 1, 'the probe is below info')
  t.match(requests[0], { route: '/api/auth/me', status: 200, user: 'admin', request_id: String })
  app.log.level = 'debug'
  await app.inject({ method: 'GET', url: '/health/live' })
  t.match(lines.filter((line) => line.msg === 'request').at(-1), { route: '/health/live', level: 20 })
  t.notOk(JSON.stringify(lines).includes('pps_'), 'no token in any line')
})
