import t from 'tap'
import { once, socketClient, tokenFor } from '../helper.js'
import { launch, serve, signIn, withPage } from './browser.js'
import { dashboardCatalog } from './catalog.js'

t.test('the control center: health, live figures that change, MCP servers, providers, the log level', async (t) => {
  // A real (silent) logger: the log level screen reads and sets its level.
  const server = await serve(t, { PODPLAY_CATALOG: dashboardCatalog(t), PODPLAY_STATUS_INTERVAL_MS: '300' }, { logger: { level: 'silent' } })
  const browser = await launch(t)
  const api = async (method: 'GET' | 'POST', url: string, payload?: object) => await server.app.inject({ method, url, headers: server.auth(), ...(payload ? { payload } : {}) })

  await withPage(t, browser, 'control-center', async ({ page }) => {
    await signIn(page, server.url, server.adminToken, '/control')
    await page.getByTestId('live-updated').getByText(/^live · updated/).waitFor()
    const figure = (id: string) => page.getByTestId(id)
    await figure('clients').getByText('1', { exact: true }).waitFor()
    t.pass('the page\'s own connection is counted')

    const other = socketClient(t, server.url, server.adminToken)
    await once(other, 'connected')
    await figure('clients').getByText('2', { exact: true }).waitFor()
    t.pass('another client connecting shows up live')

    const workspace = (await api('POST', '/api/workspaces', { name: 'busy' })).json()
    t.equal((await api('POST', '/api/terminals', { workspace_id: workspace.id, shell: 'sh' })).statusCode, 201)
    await figure('terminals').getByText('1', { exact: true }).waitFor()
    t.pass('a terminal opened elsewhere shows up live')

    await api('POST', '/api/mcp/servers/showcase/install', {})
    t.equal((await api('POST', '/api/mcp/installed/showcase/start')).statusCode, 200)
    await figure('mcp-running').getByText('1', { exact: true }).waitFor()
    t.pass('a server started elsewhere is counted as running')

    t.match(await page.getByRole('img', { name: /^CPU %: \d+ samples/ }).getAttribute('aria-label'), /[2-9]\d* samples|\d{2,} samples/, 'the chart collects samples')
    const services = page.getByRole('region', { name: 'Services' })
    t.ok(await services.getByRole('row', { name: /database up sqlite/ }).isVisible(), 'every service\'s health')
    t.ok(await page.getByRole('region', { name: 'AI providers' }).getByRole('row', { name: /embedded active ready/ }).isVisible(), 'the providers')

    await page.getByLabel('Level', { exact: true }).selectOption('debug')
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.getByText(/^The log level is now debug \(it was \w+\)\.$/).waitFor()
    t.equal(server.app.log.level, 'debug', 'an admin changes the log level')
  })

  const reader = await tokenFor(server.app, 'reader', ['read'])
  await withPage(t, browser, 'control-center-reader', async ({ page }) => {
    await signIn(page, server.url, reader, '/control')
    await page.getByTestId('live-updated').getByText(/^live · updated/).waitFor()
    t.ok(await page.getByRole('button', { name: 'Apply' }).isDisabled(), 'a read-only token cannot change it')
    t.match(await page.getByRole('region', { name: 'Log level' }).textContent(), 'Needs the admin scope')
  })
})
