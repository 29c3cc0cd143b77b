import type { Test } from 'tap'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { Notification } from '@modelcontextprotocol/sdk/types.js'
import { listen, type Built } from '../helper.js'
import { buildWithFixtures, httpFixture, install, runtimeRequest } from '../mcp-runtime/helpers.js'
import type { HttpFixture } from '../mcp-runtime/fixtures/http-server.js'

export interface Gateway extends Built {
  url: string
  remote: HttpFixture
}

/** The app on a real listener, with the fixture catalog and a Streamable HTTP fixture server. */
export async function gatewayApp (t: Test, env: Record<string, string> = {}): Promise<Gateway> {
  const remote = await httpFixture(t)
  const built = await buildWithFixtures(t, { remoteUrl: remote.url, env })
  const url = await listen(built.app)
  return { ...built, url, remote }
}

/** Installs and starts catalog servers for a token's user through the API. */
export async function run (gateway: Built, token: string, ...names: string[]): Promise<void> {
  for (const name of names) {
    await install(gateway.app, token, name)
    const started = await runtimeRequest(gateway.app, token)('POST', name, 'start')
    if (started.statusCode !== 200) throw new Error(`start ${name}: ${started.statusCode} ${started.body}`)
  }
}

/** Notifications a client received, and a way to wait for the next of a method. */
export function notifications (client: Client) {
  const seen: Notification[] = []
  const waiting: Array<{ method: string, resolve: (notification: Notification) => void }> = []
  client.fallbackNotificationHandler = async (notification) => {
    seen.push(notification)
    for (const waiter of waiting.filter((candidate) => candidate.method === notification.method)) {
      waiting.splice(waiting.indexOf(waiter), 1)
      waiter.resolve(notification)
    }
  }
  return {
    seen,
    next: (method: string) => new Promise<Notification>((resolve) => waiting.push({ method, resolve }))
  }
}

export interface ConnectedClient {
  client: Client
  transport: StreamableHTTPClientTransport
  /** Resolves once the session's GET stream is open, where notifications not tied to a request arrive. */
  streaming: Promise<void>
}

/** An SDK client connected to the gateway with a bearer token; closed when the test ends. */
export async function gatewayClient (t: Test, url: string, token: string, query = ''): Promise<ConnectedClient> {
  const client = new Client({ name: 'gateway-test', version: '1.0.0' })
  let opened!: () => void
  const streaming = new Promise<void>((resolve) => { opened = resolve })
  // The SDK opens the stream by itself after initialising; its answer is the event to wait for.
  const watchingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    if ((init?.method ?? 'GET') === 'GET' && response.ok) opened()
    return response
  }
  const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp${query}`), { requestInit: { headers: { authorization: `Bearer ${token}` } }, fetch: watchingFetch })
  await client.connect(transport)
  t.teardown(() => client.close())
  return { client, transport, streaming }
}
