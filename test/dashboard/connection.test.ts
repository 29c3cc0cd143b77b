import t from 'tap'
import { tokenFor } from '../helper.js'
import { launch, revokeTokensOf, serve, signIn, withPage, type Served } from './browser.js'

/** Cuts every Socket.IO connection under the page, as a network drop does (the client retries). */
function dropConnections (server: Served): void {
  for (const socket of server.app.io.sockets.sockets.values()) socket.conn.close()
}

t.test('the page\'s one Socket.IO connection: its state on screen, subscriptions restored, refusals explained', async (t) => {
  const server = await serve(t, { PODPLAY_STATUS_INTERVAL_MS: '300' })
  const browser = await launch(t)
  const badge = (page: import('playwright-core').Page) => page.getByTestId('connection')

  await withPage(t, browser, 'connection-reconnect', async ({ page }) => {
    const sockets: string[] = []
    page.on('websocket', (socket) => { if (socket.url().includes('/socket.io/')) sockets.push(socket.url()) })
    await signIn(page, server.url, server.adminToken, '/control')
    await page.getByTestId('live-updated').getByText(/^live · updated/).waitFor()
    for (const label of ['Marketplace', 'Mama Bear', 'Workspaces', 'Control center']) {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label }).click()
    }
    t.equal(sockets.length, 1, 'one connection for the page, whatever the screen')

    dropConnections(server)
    await badge(page).getByText(/Reconnecting…/).waitFor()
    await badge(page).getByText('Live').waitFor()
    const afterReconnect = await page.getByTestId('live-updated').textContent()
    await page.getByTestId('live-updated').and(page.locator(`:not(:text-is("${afterReconnect}"))`)).waitFor()
    t.pass('reconnected, and the live status subscription was made again')

    server.app.io.disconnectSockets(true)
    await badge(page).getByText(/service closed the connection/).waitFor()
    await badge(page).getByText('Live').waitFor()
    t.pass('closed by the service, the page connects again by itself')
  })

  const doomed = await tokenFor(server.app, 'doomed', ['read'])
  await withPage(t, browser, 'connection-refused', async ({ page, allow }) => {
    allow(/status of 401/)
    // A request of the screen refused after the revocation would sign the page out, badge and all.
    const answered = Promise.all(['/api/mcp/categories', '/api/mcp/servers?'].map((path) => page.waitForResponse((response) => response.url().includes(path))))
    await signIn(page, server.url, doomed, '/marketplace')
    await answered
    await revokeTokensOf(server, 'doomed')
    dropConnections(server)
    await badge(page).getByText(/Refused: The bearer token is unknown or revoked/).waitFor()
    t.pass('a refusal shows the service\'s message')
  })
})
