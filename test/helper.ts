import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http'
import type { Test } from 'tap'
import { io as connectSocket, type Socket, type ManagerOptions, type SocketOptions } from 'socket.io-client'
import { buildApp, type App, type BuildOptions } from '../app.js'
import { loadConfig } from '../plugins/config.js'

export const ADMIN_TOKEN = 'pps_test-admin-token-0123456789'

export interface Built {
  app: App
  adminToken: string
  dataDir: string
  /** Authorization header for a token. */
  auth: (token?: string) => { authorization: string }
}

/** A temporary data directory removed when the test ends. */
export function tempDir (t: Test, prefix = 'podplay-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * Builds the real app on a fresh SQLite file in a temporary data directory, with a known admin
 * token; `env` overrides any variable. Closed (and the directory removed) when the test ends.
 */
export async function build (t: Test, env: Record<string, string> = {}, options: Partial<BuildOptions> = {}): Promise<Built> {
  const dataDir = tempDir(t)
  const config = loadConfig({
    PODPLAY_DATA_DIR: dataDir,
    PODPLAY_ADMIN_TOKEN: ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    // Parallel test files load the machine; load shedding has its own test (protection.test.ts).
    PODPLAY_MAX_EVENT_LOOP_DELAY_MS: '0',
    ...env
  })
  const app = await buildApp({ config, logger: options.logger ?? false, ...options })
  t.teardown(() => app.close())
  return {
    app,
    adminToken: ADMIN_TOKEN,
    dataDir,
    auth: (token = ADMIN_TOKEN) => ({ authorization: `Bearer ${token}` })
  }
}

/** Starts a real listener on an ephemeral loopback port; returns its base URL. */
export async function listen (app: App): Promise<string> {
  return await app.listen({ host: '127.0.0.1', port: 0 })
}

/** A token for a new user with the given scopes. */
export async function tokenFor (app: App, user: string, scopes: Array<'read' | 'write' | 'admin'>): Promise<string> {
  return (await app.tokens.create({ user, scopes })).token
}

/** A socket.io-client over WebSocket only, so a failed upgrade cannot hide behind long-polling. */
export function socketClient (t: Test, url: string, token: string | undefined, options: Partial<ManagerOptions & SocketOptions> = {}): Socket {
  const socket = connectSocket(url, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false, forceNew: true, ...options })
  t.teardown(() => { socket.disconnect() })
  return socket
}

/** Resolves with the first payload of an event. */
export function once<T = unknown> (socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve))
}

export interface RawResponse {
  statusCode: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * A request over a real connection with exactly the headers given (Host and Origin included, which
 * fetch would not let a test choose).
 */
export function rawRequest (url: string, path: string, options: { method?: string, headers?: OutgoingHttpHeaders } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(new URL(path, url), { method: options.method ?? 'GET', headers: options.headers ?? {} }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => { body += chunk })
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, headers: response.headers, body }))
    })
    sent.on('error', reject)
    sent.end()
  })
}
