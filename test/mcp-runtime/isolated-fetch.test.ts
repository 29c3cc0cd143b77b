import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getEventListeners } from 'node:events'
import t from 'tap'
import { isolatedFetch } from '../../services/mcp-runtime/isolated-fetch.js'

t.test('requests sharing one signal leave no listener on it, and still end when it aborts', async (t) => {
  const server = createServer((request, response) => {
    if (request.url === '/stream') {
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      response.write('data: first\n\n')
      return // never ends: only an abort stops the reader
    }
    if (request.url === '/empty') return response.writeHead(204).end()
    response.end('ok')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { server.closeAllConnections(); server.close() })
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const shared = new AbortController()

  for (let index = 0; index < 300; index++) {
    const response = await isolatedFetch(`${base}/${index % 3 === 0 ? 'empty' : 'ok'}`, { signal: shared.signal })
    await response.text()
  }
  t.equal(getEventListeners(shared.signal, 'abort').length, 0, 'each request took its listener away when it ended')
  const warnings: Error[] = []
  const onWarning = (warning: Error) => warnings.push(warning)
  process.on('warning', onWarning)
  await Promise.all(Array.from({ length: 30 }, async () => await (await isolatedFetch(`${base}/ok`, { signal: shared.signal })).text()))
  await new Promise((resolve) => setImmediate(resolve))
  process.off('warning', onWarning)
  t.same(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning'), [], 'calls in parallel are no leak to warn of')
  await t.rejects(isolatedFetch('http://127.0.0.1:1/', { signal: shared.signal }))
  t.equal(getEventListeners(shared.signal, 'abort').length, 0, 'a failed request too')
  t.equal(await (await isolatedFetch(`${base}/ok`)).text(), 'ok', 'without a signal it is plain fetch')

  const stream = await isolatedFetch(`${base}/stream`, { signal: shared.signal })
  t.equal(stream.status, 200)
  t.equal(stream.headers.get('content-type'), 'text/event-stream')
  const reader = stream.body!.getReader()
  t.match(new TextDecoder().decode((await reader.read()).value), 'data: first')
  t.equal(getEventListeners(shared.signal, 'abort').length, 1, 'a stream still follows the shared signal')
  shared.abort(new Error('closing the connection'))
  await t.rejects(reader.read(), 'aborting the shared signal ends the stream')
  await t.rejects(isolatedFetch(`${base}/ok`, { signal: shared.signal }), 'and a request on an aborted signal does not start')
})
