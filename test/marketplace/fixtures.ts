import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Test } from 'tap'
import { projectRoot } from '../../plugins/config.js'
import type { BuildOptions } from '../../app.js'
import { build, tempDir, type Built } from '../helper.js'

/** The MCP Registry's real 2025-05 seed, read from the shared reference folder (never copied here). */
export const seedFile = join(projectRoot, '..', 'shared', 'reference', 'mcp-registry-seed-2025-05-16.json')

export type Entry = Record<string, unknown>

/** A valid entry of our catalog format; fields can be overridden or removed (undefined). */
export function entry (name: string, overrides: Entry = {}): Entry {
  const base: Entry = {
    name,
    title: name.replace(/-/g, ' '),
    description: `The ${name} test server`,
    version: '1.0.0',
    category: 'development_tools',
    tags: [],
    capabilities: [],
    author: 'Podplay tests',
    repository_url: `https://example.com/${name}`,
    is_official: false,
    popularity_score: 10,
    last_updated: '2025-01-01',
    status: 'active',
    packages: [{ registry_type: 'npm', identifier: `@podplay-test/${name.split('/').at(-1)}`, transport: 'stdio' }],
    ...overrides
  }
  return Object.fromEntries(Object.entries(base).filter(([, value]) => value !== undefined))
}

export function catalogDocument (servers: unknown[], extra: Entry = {}): Entry {
  return { version: '1.0.0', last_updated: '2025-01-01', description: 'test catalog', total_servers: servers.length, servers, ...extra }
}

/** Writes a catalog file into a temporary directory and returns its path. */
export function writeCatalog (t: Test, document: unknown): string {
  const file = join(tempDir(t, 'podplay-catalog-'), 'catalog.json')
  writeFileSync(file, typeof document === 'string' ? document : JSON.stringify(document))
  return file
}

/**
 * The real app for these tests. Load shedding is set far off: on a machine shared by parallel
 * test runs the event loop can stall past the default second, and a 503 is not what is tested here.
 */
export async function buildMarket (t: Test, env: Record<string, string> = {}, options: Partial<BuildOptions> = {}): Promise<Built> {
  return await build(t, env, options)
}

/** The real app with a catalog of these servers instead of the bundled one. */
export async function buildWithCatalog (t: Test, servers: unknown[], env: Record<string, string> = {}, options: Partial<BuildOptions> = {}): Promise<Built> {
  return await buildMarket(t, { PODPLAY_CATALOG: writeCatalog(t, catalogDocument(servers)), ...env }, options)
}

/** A server that runs a local Node script, for tests that start what a launch spec describes. */
export function commandEntry (name: string, script: string, overrides: Entry = {}): Entry {
  return entry(name, { packages: [], command: { command: process.execPath, args: ['-e', script], env: { PODPLAY_FIXTURE: name } }, ...overrides })
}
