import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import type { LaunchSpec } from '../../services/marketplace/launch.js'
import { ServerSupervisor, type SupervisorOptions } from '../../services/mcp-runtime/supervisor.js'
import type { McpRuntimeStatus } from '../../schemas/mcp-runtime.js'
import type { App } from '../../app.js'
import { build, tempDir, type Built } from '../helper.js'
import { startHttpFixture, type HttpFixture } from './fixtures/http-server.js'

export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')

export type StdioFixture = 'stdio-server' | 'crashing-server' | 'slow-server' | 'raw-server' |
  'crash-loop-server' | 'silent-server' | 'flood-server' | 'malformed-server'

/** The command that runs a fixture: this very Node, a script path, no shell. */
export function fixtureCommand (fixture: StdioFixture, args: string[] = []): { command: string, args: string[] } {
  return { command: process.execPath, args: [join(fixturesDir, `${fixture}.mjs`), ...args] }
}

export function stdioSpec (fixture: StdioFixture, env: Record<string, string> = {}, args: string[] = []): LaunchSpec {
  return { transport: 'stdio', ...fixtureCommand(fixture, args), env }
}

/** True while a process with this pid exists, zombies included: kill(pid, 0) succeeds for those too. */
export function isAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** An HTTP fixture server closed when the test ends. */
export async function httpFixture (t: Test, mode?: 'streamable-http' | 'sse-only'): Promise<HttpFixture> {
  const fixture = await startHttpFixture(mode)
  t.teardown(() => fixture.close())
  return fixture
}

/** Collects status events and resolves when one matches. */
export function statusWatcher () {
  const seen: McpRuntimeStatus[] = []
  const waiting: Array<{ match: (status: McpRuntimeStatus) => boolean, resolve: (status: McpRuntimeStatus) => void }> = []
  return {
    seen,
    record (status: McpRuntimeStatus) {
      seen.push(status)
      for (const waiter of [...waiting]) {
        if (!waiter.match(status)) continue
        waiting.splice(waiting.indexOf(waiter), 1)
        waiter.resolve(status)
      }
    },
    /** The next status (from now on) that matches. */
    next (match: (status: McpRuntimeStatus) => boolean): Promise<McpRuntimeStatus> {
      return new Promise((resolve) => waiting.push({ match, resolve }))
    }
  }
}

/** A catalog of the fixture servers, as plain local commands (and the HTTP one as a remote). */
export function fixtureCatalog (remoteUrl?: string) {
  const entry = (name: string, fixture: StdioFixture, env?: Record<string, string>) => ({
    name,
    title: name,
    description: `Test fixture ${fixture}`,
    last_updated: '2026-01-01',
    command: { ...fixtureCommand(fixture), ...(env ? { env } : {}) }
  })
  const servers: unknown[] = [
    entry('fixture-stdio', 'stdio-server', { FIXTURE_GREETING: 'from the catalog' }),
    entry('fixture-crashing', 'crashing-server'),
    entry('fixture-slow', 'slow-server'),
    entry('io.github.podplay/fixture-echo', 'stdio-server'),
    { name: 'fixture-missing', title: 'missing', description: 'A command that does not exist', last_updated: '2026-01-01', command: { command: '/nonexistent/podplay-mcp-server', args: [] } }
  ]
  if (remoteUrl) servers.push({ name: 'fixture-http', title: 'http', description: 'Streamable HTTP fixture', last_updated: '2026-01-01', remotes: [{ transport: 'streamable-http', url: remoteUrl }] })
  return { version: '1.0.0', last_updated: '2026-01-01', description: 'MCP runtime test fixtures', servers }
}

/** The real app with the fixture catalog; `env` overrides any variable. */
export async function buildWithFixtures (t: Test, options: { env?: Record<string, string>, remoteUrl?: string } = {}): Promise<Built> {
  const file = join(tempDir(t, 'podplay-mcp-catalog-'), 'catalog.json')
  writeFileSync(file, JSON.stringify(fixtureCatalog(options.remoteUrl)))
  // These tests start many real processes; on a busy machine the event loop lags behind, and
  // under-pressure's default limit would answer 503 to requests that have nothing to do with it.
  return await build(t, { PODPLAY_CATALOG: file, ...options.env })
}

/** Installs a catalog server for a user through the marketplace API. */
export async function install (app: App, token: string, name: string, body: { auto_restart?: boolean } = {}) {
  const response = await app.inject({ method: 'POST', url: `/api/mcp/servers/${encodeURIComponent(name)}/install`, headers: { authorization: `Bearer ${token}` }, payload: body })
  if (response.statusCode !== 201 && response.statusCode !== 200) throw new Error(`install ${name} failed: ${response.statusCode} ${response.body}`)
}

/** An authenticated request to a runtime route of an install. */
export function runtimeRequest (app: App, token: string) {
  return async (method: 'GET' | 'POST', name: string, path: string, payload?: Record<string, unknown>): Promise<LightMyRequestResponse> => {
    const options: InjectOptions = { method, url: `/api/mcp/installed/${encodeURIComponent(name)}/${path}`, headers: { authorization: `Bearer ${token}` } }
    if (payload !== undefined) options.payload = payload
    return await app.inject(options)
  }
}

/** A supervisor of one spec, with its status events recorded; stopped when the test ends. */
export function supervise (t: Test, spec: LaunchSpec, overrides: Partial<SupervisorOptions> = {}) {
  const watcher = statusWatcher()
  const supervisor = new ServerSupervisor({
    userId: 'user-1',
    name: 'fixture',
    launch: async () => spec,
    autoRestart: async () => false,
    // Generous: starting Node and the SDK takes seconds on a busy machine.
    startTimeoutMs: 60_000,
    callTimeoutMs: 60_000,
    heartbeatMs: 0,
    backoff: { initialMs: 50, maxMs: 1000, maxRestarts: 5 },
    onStatus: (status) => watcher.record(status),
    ...overrides
  })
  t.teardown(() => supervisor.stop())
  return { supervisor, watcher }
}
