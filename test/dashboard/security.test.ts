import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import type { Page } from 'playwright-core'
import { projectRoot } from '../../plugins/config.js'
import { FakeProvider, openaiFrames } from '../mama-bear/fake-providers.js'
import { launch, serve, signIn, withPage } from './browser.js'
import { dashboardCatalog } from './catalog.js'

const HOSTILE = '<img src=x onerror="window.__xss=\'img\'"> <script>window.__xss=\'script\'</script> ' +
  '[click me](javascript:window.__xss=\'link\') ![pic](javascript:window.__xss=\'image\') <a href="javascript:window.__xss=\'a\'">a tag</a>'

/** Nothing the hostile text carries became an element or ran. */
async function nothingRan (t: Test, page: Page, scope: string): Promise<void> {
  const area = page.locator(scope)
  t.equal(await page.evaluate('window.__xss'), undefined, 'no script ran')
  t.equal(await area.locator('img, script, iframe, object').count(), 0, 'no element was made from the text')
  t.equal(await area.locator('a[href^="javascript:" i]').count(), 0, 'no javascript: link')
}

/** A page on another origin, with socket.io-client, trying to use the service with a stolen token. */
function foreignSite (t: Test, target: string, token: string): Promise<string> {
  const client = readFileSync(join(projectRoot, 'node_modules', 'socket.io-client', 'dist', 'socket.io.min.js'))
  const page = `<!doctype html><title>elsewhere</title><script src="/socket.io.min.js"></script>
<iframe id="framed" src="${target}/marketplace"></iframe>
<script>
  window.results = {}
  const socket = io(${JSON.stringify(target)}, { auth: { token: ${JSON.stringify(token)} }, reconnection: false })
  socket.on('connect', () => { window.results.socket = 'connected' })
  socket.on('connect_error', (error) => { window.results.socket = 'refused: ' + error.message })
  const ws = new WebSocket(${JSON.stringify(target.replace('http', 'ws'))} + '/api/terminals/any/ws?token=${token}')
  ws.onopen = () => { window.results.websocket = 'open' }
  ws.onerror = () => { window.results.websocket = 'refused' }
  fetch(${JSON.stringify(target)} + '/api/auth/me', { headers: { authorization: 'Bearer ${token}' } })
    .then((response) => { window.results.fetch = 'read ' + response.status }, () => { window.results.fetch = 'refused' })
</script>`
  const site = createServer((request, response) => {
    if (request.url === '/socket.io.min.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(client)
    else response.writeHead(200, { 'content-type': 'text/html' }).end(page)
  })
  t.teardown(() => new Promise<void>((resolve) => site.close(() => resolve())))
  return new Promise((resolve) => site.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(site.address() as AddressInfo).port}`)))
}

t.test('the page\'s security in a browser', async (t) => {
  const fake = await FakeProvider.start(t, 'openai')
  const server = await serve(t, { ...fake.env(), PODPLAY_CATALOG: dashboardCatalog(t) })
  const browser = await launch(t)

  await t.test('the page is served with its policy', async (t) => {
    await withPage(t, browser, 'security-headers', async ({ page }) => {
      const response = await page.goto(`${server.url}/marketplace`)
      const headers = response!.headers()
      t.match(headers['content-security-policy'], /script-src 'self';.*connect-src 'self'.*frame-ancestors 'none'/)
      t.equal(headers['x-content-type-options'], 'nosniff')
      t.equal(headers['referrer-policy'], 'no-referrer')
    })
  })

  await t.test('Markdown in chat, from the user and from the model, executes nothing', async (t) => {
    fake.enqueue({ frames: openaiFrames({ text: ['Here: ', HOSTILE, ' and **bold**.'] }) })
    await withPage(t, browser, 'security-chat', async ({ page }) => {
      await signIn(page, server.url, server.adminToken, '/chat')
      await page.getByLabel('Message Mama Bear').fill(HOSTILE)
      await page.getByLabel('Message Mama Bear').press('Enter')
      const answer = page.getByTestId('message-assistant').last()
      await answer.getByText('bold', { exact: true }).waitFor()
      await answer.and(page.locator('[aria-busy="false"]')).waitFor()
      t.match(await page.getByTestId('message-user').last().textContent(), '<img src=x onerror=', 'the user\'s markup is shown as text')
      t.match(await answer.textContent(), '<script>window.__xss', 'and the model\'s')
      await answer.getByText('click me').click()
      await nothingRan(t, page, '.messages')
    })
  })

  await t.test('a tool result that looks like HTML executes nothing', async (t) => {
    await server.app.inject({ method: 'POST', url: '/api/mcp/servers/showcase/install', headers: server.auth(), payload: {} })
    await withPage(t, browser, 'security-tool-result', async ({ page }) => {
      await signIn(page, server.url, server.adminToken, '/servers/showcase')
      await page.getByRole('button', { name: 'Start', exact: true }).click()
      const markup = page.getByTestId('tool-markup')
      await markup.locator('summary').click()
      await markup.getByRole('button', { name: 'Call markup' }).click()
      await markup.getByTestId('tool-result').getByText(/<img src=x onerror=/).waitFor()
      await nothingRan(t, page, '[data-testid="tool-result"]')
    })
  })

  await t.test('markup that got into the page anyway cannot run: the policy refuses inline handlers', async (t) => {
    await withPage(t, browser, 'security-csp', async ({ page, allow }) => {
      allow(/Refused to execute inline event handler|Content Security Policy/)
      await signIn(page, server.url, server.adminToken, '/marketplace')
      const violation = page.evaluate('new Promise((resolve) => document.addEventListener("securitypolicyviolation", (event) => resolve(event.violatedDirective), { once: true }))')
      await page.evaluate('document.querySelector("main").insertAdjacentHTML("beforeend", "<img src=/favicon.svg onload=\\"window.__xss=1\\">")')
      t.match(await violation, /^script-src/, 'the browser reports the refused handler')
      t.equal(await page.evaluate('window.__xss'), undefined)
    })
  })

  await t.test('a page on another origin cannot open the socket, the terminal socket, read the API or frame the page', async (t) => {
    const elsewhere = await foreignSite(t, server.url, server.adminToken)
    await withPage(t, browser, 'security-foreign-origin', async ({ page, allow }) => {
      allow(/./) // the refusals themselves are reported as errors on that page
      // The frame's refusal may be reported after the other three results are in: awaited on its own.
      const framing = page.waitForEvent('console', { predicate: (message) => /frame-ancestors/.test(message.text()) })
      await page.goto(elsewhere)
      await page.waitForFunction(() => { const results = (globalThis as any).results; return results?.socket && results.websocket && results.fetch })
      const results = await page.evaluate('window.results') as Record<string, string>
      t.match(results.socket, /^refused/, 'Socket.IO is refused')
      t.equal(results.websocket, 'refused', 'so is the terminal WebSocket')
      t.equal(results.fetch, 'refused', 'and the API (no CORS for that origin)')
      await framing
      t.pass('the page refuses to be framed')
    })
  })

  await t.test('Swagger UI at /docs still works beside the page', async (t) => {
    await withPage(t, browser, 'security-docs', async ({ page, allow }) => {
      allow(/./) // Swagger UI's own messages are its own
      await page.goto(`${server.url}/docs`)
      await page.getByText('Podplay Sanctuary API').first().waitFor()
      t.ok(await page.getByText('/api/mcp/servers').first().isVisible(), 'it renders the operations')
    })
  })
})
