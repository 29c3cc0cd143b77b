import t from 'tap'
import { tokenFor } from '../helper.js'
import { launch, serve, signIn, withPage } from './browser.js'

t.test('the marketplace in a browser', async (t) => {
  const server = await serve(t)
  const browser = await launch(t)
  /** The results once the address shows the filters and the list is no longer loading. */
  const settled = async (page: import('playwright-core').Page, address: RegExp) => {
    await page.waitForURL(address)
    await page.locator('ul[aria-label="Servers"][aria-busy="false"], .state.empty').first().waitFor()
  }
  const api = async (method: string, url: string, payload?: object) => await server.app.inject({ method: method as 'GET', url, headers: server.auth(), ...(payload ? { payload } : {}) })

  await t.test('search as you type, forgiving typos, then open PostgreSQL', async (t) => {
    await withPage(t, browser, 'marketplace-search', async ({ page }) => {
      await signIn(page, server.url, server.adminToken, '/marketplace')
      const cards = page.getByRole('list', { name: 'Servers' }).getByRole('listitem')
      await page.getByLabel('Search servers').pressSequentially('postgres', { delay: 30 })
      // A pause in the typing searches a prefix first: wait for the whole word's answer.
      await settled(page, /\?query=postgres$/)
      await page.getByRole('list', { name: 'Servers' }).getByRole('link', { name: 'PostgreSQL' }).waitFor()
      t.match(await cards.first().textContent(), /PostgreSQL/, 'the best match comes first')
      t.match(page.url(), /\?query=postgres$/, 'the address keeps the search')

      await page.getByLabel('Search servers').fill('postgrse')
      // Until its answer the list shows the last one, PostgreSQL in it.
      await settled(page, /\?query=postgrse$/)
      await page.getByRole('list', { name: 'Servers' }).getByRole('link', { name: 'PostgreSQL' }).waitFor()
      t.pass('a typo still finds it')

      await page.getByRole('link', { name: 'PostgreSQL' }).click()
      await page.waitForURL(`${server.url}/marketplace/postgres`)
      await page.getByRole('heading', { name: 'PostgreSQL', level: 1 }).waitFor()
      t.match(await page.locator('.description').textContent(), /PostgreSQL database/, 'its description')
      t.ok(await page.getByRole('heading', { name: 'Tools' }).isVisible(), 'its tools')
      t.ok(await page.locator('.tools-list').getByText('query').isVisible())
      t.match(await page.getByRole('link', { name: 'Repository' }).getAttribute('href'), /^https:\/\/github\.com\//, 'its links')
      t.equal(await page.getByRole('link', { name: 'Repository' }).getAttribute('rel'), 'noopener noreferrer')
      t.equal(await page.getByLabel('database_url').getAttribute('required'), '', 'a required input is marked required')

      await page.getByRole('link', { name: '← Marketplace' }).click()
      await page.waitForURL(/\/marketplace\?query=postgrse$/)
      t.equal(await page.getByLabel('Search servers').inputValue(), 'postgrse', 'the way back keeps the search')
    })
  })

  await t.test('filters, sort and more results by cursor', async (t) => {
    await withPage(t, browser, 'marketplace-filters', async ({ page }) => {
      await signIn(page, server.url, server.adminToken, '/marketplace')
      const cards = page.getByRole('list', { name: 'Servers' }).getByRole('listitem')
      await page.getByRole('button', { name: 'More results' }).waitFor()
      t.equal(await cards.count(), 24, 'a first page')
      await page.getByRole('button', { name: 'More results' }).click()
      // While the page loads the button reads "Loading…": wait until neither is left.
      await page.getByRole('button', { name: /^(More results|Loading…)$/ }).waitFor({ state: 'detached' })
      t.equal(await cards.count(), 40, 'the rest, by cursor, until there is no more')

      const databases = (await api('GET', '/api/mcp/categories')).json().categories.find((category: { name: string }) => category.name === 'database').count
      await page.getByLabel('Category').selectOption({ label: `Database (${databases})` })
      await settled(page, /category=database/)
      t.equal(await cards.count(), databases)
      for (const text of await cards.allTextContents()) t.match(text, /database/, 'only databases')
      await page.getByLabel('Sort by').selectOption({ label: 'Name' })
      await settled(page, /sort=name/)
      const titles = await page.getByRole('list', { name: 'Servers' }).getByRole('heading').allTextContents()
      t.strictSame(titles, [...titles].sort((a, b) => a.localeCompare(b)), 'sorted by name')

      await page.getByLabel('Transport').selectOption({ label: 'Remote (SSE)' })
      await settled(page, /transport=sse/)
      t.ok(await cards.count() > 0)
      for (const text of await cards.allTextContents()) t.match(text, /sse/)

      await page.getByLabel('Installed').selectOption({ label: 'Installed by me' })
      await settled(page, /installed=true/)
      await page.getByText(/No server matches/).waitFor()
      t.pass('an empty result says so')
    })
  })

  await t.test('install a server that needs a secret through its form, edit it, copy its config, uninstall it', async (t) => {
    await withPage(t, browser, 'marketplace-install', async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
      await signIn(page, server.url, server.adminToken, '/marketplace/brave-search')
      const key = page.getByLabel('BRAVE_API_KEY')
      t.equal(await key.getAttribute('type'), 'password', 'a secret is a password field')
      t.equal(await key.getAttribute('required'), '', 'and required')
      t.equal(await page.getByLabel('BRAVE_MCP_TRANSPORT').inputValue(), 'stdio', 'a default is filled in')

      await page.getByRole('button', { name: 'Install Brave Search' }).click()
      t.equal(await key.evaluate((input: { validity: { valueMissing: boolean } }) => input.validity.valueMissing), true, 'the browser asks for the missing secret first')
      await key.fill('brave-secret-4711')
      await page.getByRole('button', { name: 'Install Brave Search' }).click()
      await page.getByText('secrets stored: BRAVE_API_KEY').waitFor()

      const installed = (await api('GET', '/api/mcp/installed/brave-search')).json()
      t.same(installed.env, { BRAVE_MCP_TRANSPORT: 'stdio' })
      t.same(installed.secrets_set, ['BRAVE_API_KEY'], 'the secret went to the service, sealed')

      const snippet = page.getByTestId('config-snippet')
      await snippet.waitFor()
      t.match(await snippet.textContent(), /"mcpServers"[\s\S]*<BRAVE_API_KEY>/, 'Claude Desktop\'s snippet, with a placeholder')
      t.notMatch(await snippet.textContent(), 'brave-secret-4711')
      const installPanel = page.locator('#config-panel')
      await installPanel.getByRole('button', { name: 'Copy' }).click()
      await installPanel.getByText('Copied').waitFor()
      t.match(await page.evaluate('navigator.clipboard.readText()'), /"brave-search"/, 'the copy button copies it')
      const installTabs = page.getByRole('tablist', { name: 'Client', exact: true })
      await installTabs.getByRole('tab', { name: 'VS Code' }).click()
      await snippet.getByText(/"servers"/).waitFor()
      await installTabs.getByRole('tab', { name: 'Cursor' }).click()
      await snippet.getByText(/"mcpServers"/).waitFor()
      const gatewayTabs = page.getByRole('tablist', { name: 'Client for the gateway' })
      await gatewayTabs.getByRole('tab', { name: 'Claude Code' }).click()
      t.match(await page.getByTestId('gateway-command').textContent(), /claude mcp add .*\/mcp/, 'the gateway\'s command for Claude Code')
      t.match(await page.getByTestId('gateway-snippet').textContent(), /\/mcp/, 'and its JSON')
      await page.getByLabel('Put my secret values in').check()
      await page.getByTestId('config-snippet').getByText(/brave-secret-4711/).waitFor()
      t.pass('the owner can ask for the real values')

      await page.getByLabel('BRAVE_MCP_TRANSPORT').fill('http')
      await page.getByRole('button', { name: 'Save values' }).click()
      await page.getByText(/^Saved\./).waitFor()
      t.same((await api('GET', '/api/mcp/installed/brave-search')).json().env, { BRAVE_MCP_TRANSPORT: 'http' }, 'the edit is saved')
      t.same((await api('GET', '/api/mcp/installed/brave-search')).json().secrets_set, ['BRAVE_API_KEY'], 'an empty secret field keeps the secret')

      page.once('dialog', (dialog) => { dialog.accept().catch(() => {}) })
      await page.getByRole('button', { name: 'Uninstall' }).click()
      await page.getByRole('button', { name: 'Install Brave Search' }).waitFor()
      t.equal((await api('GET', '/api/mcp/installed/brave-search')).statusCode, 404, 'uninstalled')
    })
  })

  await t.test('a read-only token sees the install button disabled, with the reason', async (t) => {
    const reader = await tokenFor(server.app, 'reader', ['read'])
    await withPage(t, browser, 'marketplace-read-only', async ({ page }) => {
      await signIn(page, server.url, reader, '/marketplace/memory')
      const install = page.getByRole('button', { name: 'Install Memory' })
      t.ok(await install.isDisabled(), 'disabled')
      t.match(await page.locator('.install-form .disabled-reason').textContent(), 'Needs the write scope; this token has read')
    })
  })
})
