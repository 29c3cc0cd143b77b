import t from 'tap'
import { tokenFor } from '../helper.js'
import { launch, revokeTokensOf, serve, signIn, storage, withPage } from './browser.js'

t.test('signing in, moving around, reloading and signing out', async (t) => {
  const server = await serve(t)
  const browser = await launch(t)
  const reader = await tokenFor(server.app, 'reader', ['read'])

  await t.test('a wrong token is refused with the service\'s message and kept nowhere', async (t) => {
    await withPage(t, browser, 'sign-in-refused', async ({ page, allow }) => {
      allow(/status of 401/)
      await page.goto(`${server.url}/`)
      await page.getByLabel('API token').fill('pps_not-a-real-token')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('alert').getByText('The bearer token is unknown or revoked').waitFor()
      t.match(await page.getByRole('alert').textContent(), /AUTH_INVALID · request_id [0-9a-f-]{36}/, 'the code and request id are shown')
      t.strictSame(await storage(page), { session: 0, local: 0 }, 'nothing stored')
    })
  })

  await t.test('an admin signs in on a deep link, moves through every section, reloads and signs out', async (t) => {
    await withPage(t, browser, 'sign-in-admin', async ({ page }) => {
      await signIn(page, server.url, server.adminToken, '/control')
      t.equal(new URL(page.url()).pathname, '/control', 'lands where the link pointed')
      t.match(await page.getByTestId('who').textContent(), /admin.*read · write · admin/)

      const sections = [['Marketplace', '/marketplace'], ['My servers', '/servers'], ['Mama Bear', '/chat'], ['Briefing', '/briefing'],
        ['Workspaces', '/workspaces'], ['Terminals', '/terminals'], ['Control center', '/control']]
      for (const [label, path] of sections) {
        await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label }).click()
        await page.waitForURL(`${server.url}${path}`)
        t.equal(await page.getByRole('link', { name: label }).getAttribute('aria-current'), 'page', `${label} is the current section`)
      }

      await page.goto(`${server.url}/workspaces`)
      await page.getByTestId('connection').getByText('Live').waitFor()
      t.equal(new URL(page.url()).pathname, '/workspaces', 'a reload keeps the screen and the sign-in')
      t.notMatch(page.url(), /pps_/, 'the token is not in the address')
      t.strictSame(await storage(page), { session: 1, local: 0 }, 'the token is in this tab\'s sessionStorage only')

      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.getByLabel('API token').waitFor()
      t.strictSame(await storage(page), { session: 0, local: 0 }, 'signing out forgets the token')
    })
  })

  await t.test('a read-only token shows its scopes; the page works from the keyboard', async (t) => {
    await withPage(t, browser, 'sign-in-reader', async ({ page }) => {
      await page.goto(`${server.url}/`)
      await page.keyboard.type(reader)
      await page.keyboard.press('Enter')
      await page.getByTestId('connection').getByText('Live').waitFor()
      t.match(await page.getByTestId('who').textContent(), /reader\s*read$/, 'signed in with the keyboard alone')
      await page.keyboard.press('Tab')
      t.equal(await page.evaluate('document.activeElement.textContent'), 'Skip to content', 'the first stop skips to the screen')
      await page.keyboard.press('Enter')
      t.equal(await page.evaluate('document.activeElement.id'), 'main')
      // Back from the screen into the navigation, which comes before it.
      for (let stop = 0; stop < 12 && await page.evaluate('document.activeElement.textContent') !== 'Briefing'; stop++) await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('Enter')
      await page.waitForURL(`${server.url}/briefing`)
      t.pass('the navigation is reached and followed with the keyboard')
    })
  })

  await t.test('a token revoked while the page is open signs it out, saying why', async (t) => {
    const doomed = await tokenFor(server.app, 'doomed', ['read'])
    await withPage(t, browser, 'sign-in-revoked', async ({ page, allow }) => {
      allow(/status of 401/)
      await signIn(page, server.url, doomed, '/briefing')
      await revokeTokensOf(server, 'doomed')
      await page.getByRole('link', { name: 'Marketplace' }).click()
      await page.getByRole('status').getByText(/Signed out: the service refused the token/).waitFor()
      t.strictSame(await storage(page), { session: 0, local: 0 })
    })
  })
})
