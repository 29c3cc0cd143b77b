import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import { projectRoot } from '../../plugins/config.js'
import { tempDir } from '../helper.js'

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')

/**
 * The bundled catalog (real servers to search and install) plus a fixture server that really runs,
 * written into `dir`; the file's path, for PODPLAY_CATALOG.
 */
export function writeDashboardCatalog (dir: string): string {
  const bundled = JSON.parse(readFileSync(join(projectRoot, 'data', 'mcp_servers.json'), 'utf8')) as { servers: unknown[] }
  const showcase = {
    name: 'showcase',
    title: 'Showcase',
    description: 'A fixture MCP server for the dashboard tests',
    last_updated: '2026-01-01',
    command: { command: process.execPath, args: [join(fixtures, 'showcase-server.mjs')] }
  }
  const file = join(dir, 'catalog.json')
  writeFileSync(file, JSON.stringify({ ...bundled, total_servers: bundled.servers.length + 1, servers: [...bundled.servers, showcase] }))
  return file
}

/** The same, in a directory removed when the test ends. */
export function dashboardCatalog (t: Test): string {
  return writeDashboardCatalog(tempDir(t, 'podplay-dashboard-catalog-'))
}
