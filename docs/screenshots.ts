import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { buildApp } from '../app.js'
import { loadConfig } from '../plugins/config.js'
import { launchChromium } from '../bench/chromium.js'
import { writeDashboardCatalog } from '../test/dashboard/catalog.js'

/**
 * `npm run docs:screenshots`: the README's pictures of the dashboard, taken in Debian's Chromium
 * from the built page (dist/web) on a fresh service with the bundled catalog and a fixture server.
 */
const here = fileURLToPath(new URL('.', import.meta.url))
const TOKEN = 'pps_screenshots-admin-token-0000'

const dataDir = await mkdtemp(join(tmpdir(), 'podplay-screenshots-'))
const app = await buildApp({
  config: loadConfig({ PODPLAY_DATA_DIR: dataDir, PODPLAY_ADMIN_TOKEN: TOKEN, PODPLAY_CATALOG: writeDashboardCatalog(dataDir), LOG_LEVEL: 'silent' }),
  logger: false
})
const url = await app.listen({ host: '127.0.0.1', port: 0 })
const browser = await launchChromium()

async function page (colorScheme: 'light' | 'dark'): Promise<Page> {
  const opened = await (await browser.newContext({ viewport: { width: 1200, height: 720 }, colorScheme })).newPage()
  await opened.goto(`${url}/marketplace`)
  await opened.getByLabel('API token').fill(TOKEN)
  await opened.getByRole('button', { name: 'Sign in' }).click()
  await opened.getByTestId('connection').getByText('Live').waitFor()
  return opened
}

try {
  const light = await page('light')
  await light.getByLabel('Search servers').fill('database')
  await light.waitForURL(/query=database/)
  await light.locator('ul[aria-label="Servers"][aria-busy="false"]').waitFor()
  await light.screenshot({ path: join(here, 'dashboard-marketplace.png') })

  await app.inject({ method: 'POST', url: '/api/mcp/servers/showcase/install', headers: { authorization: `Bearer ${TOKEN}` }, payload: {} })
  await light.goto(`${url}/servers/showcase`)
  await light.getByRole('button', { name: 'Start', exact: true }).click()
  const order = light.getByTestId('tool-order')
  await order.locator('summary').click()
  await order.getByLabel('name').fill('Ada')
  await order.getByLabel('size').selectOption({ label: 'large' })
  await order.getByLabel('quantity').fill('2')
  await order.getByRole('button', { name: 'Add to toppings' }).click()
  await order.getByLabel('toppings 1').fill('basil')
  await order.getByRole('button', { name: 'Call order' }).click()
  await order.getByTestId('tool-result').waitFor()
  // Tall enough for the generated form and the tool's answer below it.
  await light.setViewportSize({ width: 1200, height: 1180 })
  await light.evaluate(() => (globalThis as any).scrollTo(0, 0))
  await light.screenshot({ path: join(here, 'dashboard-servers.png') })

  const dark = await page('dark')
  await dark.goto(`${url}/chat`)
  await dark.getByLabel('Message Mama Bear').fill('Find me a database server')
  await dark.getByLabel('Message Mama Bear').press('Enter')
  await dark.getByTestId('message-assistant').last().and(dark.locator('[aria-busy="false"]')).waitFor()
  await dark.locator('.messages').evaluate((list: { scrollTop: number }) => { list.scrollTop = 0 })
  await dark.screenshot({ path: join(here, 'dashboard-chat-dark.png') })
  process.stdout.write(`wrote the screenshots into ${here}\n`)
} finally {
  await browser.close()
  await app.close()
  await rm(dataDir, { recursive: true, force: true })
}
