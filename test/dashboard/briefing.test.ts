import t from 'tap'
import { launch, serve, signIn, withPage } from './browser.js'

t.test('the briefing: today rendered, refreshed on request, earlier days by date', async (t) => {
  const server = await serve(t)
  const browser = await launch(t)
  await withPage(t, browser, 'briefing', async ({ page, allow }) => {
    allow(/status of 404/) // the day without a briefing
    await signIn(page, server.url, server.adminToken, '/briefing')
    await page.getByRole('heading', { name: 'Briefing for today' }).waitFor()
    const written = page.getByText(/^Written .* by embedded/)
    await written.waitFor()
    t.ok(await page.locator('.briefing').locator('h1, h2, h3, p, li').count() > 0, 'the briefing\'s Markdown is rendered')
    t.ok(await page.getByRole('heading', { name: 'Your servers' }).isVisible(), 'with its sections')

    const before = (await server.app.inject({ url: '/api/briefing/today', headers: server.auth() })).json().briefing.generated_at
    // Until the page re-renders after the click the button still reads Refresh and is enabled, so
    // waiting for that alone can end before the request is even sent: the answer itself is awaited.
    const rewritten = page.waitForResponse((response) => response.url().includes('/api/briefing/today?refresh=true'))
    await page.getByRole('button', { name: 'Refresh' }).click()
    t.equal((await rewritten).status(), 200, 'Refresh asks the service to write it again')
    await page.getByRole('button', { name: 'Refresh' }).and(page.locator(':enabled')).waitFor()
    const after = (await server.app.inject({ url: '/api/briefing/today', headers: server.auth() })).json().briefing.generated_at
    t.not(after, before, 'Refresh wrote it again')

    await page.getByLabel('Day', { exact: true }).fill('2020-01-02')
    await page.waitForURL(`${server.url}/briefing/2020-01-02`)
    await page.getByRole('alert').waitFor()
    t.match(await page.getByRole('alert').textContent(), /2020-01-02[\s\S]*request_id/, 'a day without a briefing says so, with the service\'s message')
  })
})
