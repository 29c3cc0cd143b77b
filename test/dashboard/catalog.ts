import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import { projectRoot } from '../../plugins/config.js'
import { tempDir } from '../helper.js'

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')

/**
 * The bundled catalog (real servers to search and install) plus a fixture server the tests can
 * really run; PODPLAY_CATALOG for `serve`.
 */
export function dashboardCatalog (t: Test): string {
  const bundled = JSON.parse(readFileSync(join(projectRoot, 'data', 'mcp_servers.json'), 'utf8')) as { servers: unknown[] }
  const showcase = {
    name: 'showcase',
    title: 'Showcase',
    description: 'A fixture MCP server for the dashboard tests',
    last_updated: '2026-01-01',
    command: { command: process.execPath, args: [join(fixtures, 'showcase-server.mjs')] }
  }
  const file = join(tempDir(t, 'podplay-dashboard-catalog-'), 'catalog.json')
  writeFileSync(file, JSON.stringify({ ...bundled, total_servers: bundled.servers.length + 1, servers: [...bundled.servers, showcase] }))
  return file
}
