import t from 'tap'
import { Parser } from '@asyncapi/parser'
import { build } from '../helper.js'
import { clientEvents, serverEvents } from '../../schemas/socket.js'
import { socketHandlers } from '../../sockets/index.js'

t.test('the AsyncAPI 3.0 document is valid and lists every event in both directions', async (t) => {
  const { app } = await build(t)
  const response = await app.inject({ method: 'GET', url: '/asyncapi.json' })
  t.equal(response.statusCode, 200)
  const document = response.json()
  t.equal(document.asyncapi, '3.0.0')

  const { diagnostics } = await new Parser().parse(document)
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0)
  t.same(errors.map((error) => `${error.path.join('.')}: ${error.message}`), [], 'no validation errors')

  const handled = new Set(socketHandlers.flatMap((handlers) => Object.keys(handlers)))
  for (const event of handled) {
    t.ok(document.operations[`receive.${event}`], `handled event ${event} is documented`)
  }
  for (const event of Object.keys(clientEvents)) t.ok(handled.has(event), `${event} has a handler`)
  for (const event of Object.keys(serverEvents)) {
    t.equal(document.operations[`send.${event}`]?.action, 'send', `emitted event ${event} is documented`)
  }
  t.ok(document.components.schemas.SocketError, 'named schemas appear once, as components')
})
