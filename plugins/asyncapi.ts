import fp from 'fastify-plugin'
import type { TSchema } from '@sinclair/typebox'
import { clientEvents, serverEvents } from '../schemas/socket.js'
import { sharedSchemas } from '../schemas/shared.js'
import { version } from './version.js'

type Json = Record<string, unknown>

declare module 'fastify' {
  interface FastifyInstance {
    /** The AsyncAPI 3.0 document of every Socket.IO event, built from the schemas sockets validate with. */
    asyncapi: () => Json
  }
}

const CHANNEL = 'socketio'

/**
 * Turns TypeBox schemas into AsyncAPI components: named schemas ($id) become components referenced
 * by `#/components/schemas/<id>`, so each schema exists once, exactly as the socket plugin uses it.
 */
class ComponentSchemas {
  readonly schemas: Record<string, unknown> = {}
  private readonly known = new Map(sharedSchemas.map((schema) => [schema.$id as string, schema as TSchema]))

  reference (schema: TSchema): unknown {
    if (typeof schema.$id !== 'string') return this.convert(schema)
    this.known.set(schema.$id, schema)
    this.add(schema.$id)
    return { $ref: `#/components/schemas/${schema.$id}` }
  }

  private add (id: string): void {
    if (id in this.schemas) return
    const schema = this.known.get(id)
    if (!schema) throw new Error(`schema ${id} is referenced but not registered in schemas/shared.ts`)
    this.schemas[id] = {}
    this.schemas[id] = this.convert(schema)
  }

  private convert (node: unknown): unknown {
    if (Array.isArray(node)) return node.map((item) => this.convert(item))
    if (node === null || typeof node !== 'object') return node
    const converted: Json = {}
    for (const [key, value] of Object.entries(node)) {
      if (key === '$id') continue // an $id inside a payload would change how its refs resolve
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) {
        this.add(value)
        converted.$ref = `#/components/schemas/${value}`
      } else {
        converted[key] = this.convert(value)
      }
    }
    return converted
  }
}

export function buildAsyncApi (server: { host: string, port: number }): Json {
  const components = new ComponentSchemas()
  const messages: Json = {}
  const channelMessages: Json = {}
  const operations: Json = {}
  const describe = (direction: 'send' | 'receive', events: Record<string, TSchema>) => {
    for (const [event, schema] of Object.entries(events)) {
      const key = `${direction === 'send' ? 'server' : 'client'}.${event}`
      messages[key] = { name: event, title: event, payload: components.reference(schema) }
      channelMessages[key] = { $ref: `#/components/messages/${key}` }
      operations[`${direction}.${event}`] = {
        action: direction,
        summary: direction === 'send' ? `The server emits ${event}` : `The server handles ${event}`,
        channel: { $ref: `#/channels/${CHANNEL}` },
        messages: [{ $ref: `#/channels/${CHANNEL}/messages/${key}` }]
      }
    }
  }
  describe('send', serverEvents)
  describe('receive', clientEvents)
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Podplay Sanctuary realtime API',
      version,
      description: 'Socket.IO events on the default namespace. Connect with `auth: { token }` from an allowed Origin. ' +
        'Every inbound payload is validated; an invalid one is answered with an `error` event (and the ack, when one was asked).'
    },
    servers: { local: { host: `${server.host}:${server.port}`, protocol: 'ws', pathname: '/socket.io/', description: 'Socket.IO (engine.io v4)' } },
    defaultContentType: 'application/json',
    channels: { [CHANNEL]: { address: '/', title: 'default namespace', messages: channelMessages } },
    operations,
    components: { schemas: components.schemas, messages }
  }
}

/** Builds the document once; it depends only on the schemas and the configured address. */
export default fp(async (fastify) => {
  let document: Json | undefined
  fastify.decorate('asyncapi', () => (document ??= buildAsyncApi(fastify.config)))
}, { name: 'asyncapi', dependencies: ['config'] })
