import t from 'tap'
import { launch, serve, signIn, withPage } from './browser.js'
import { dashboardCatalog } from './catalog.js'

t.test('my servers: live state, start and stop, the log, and tools called through generated forms', async (t) => {
  const server = await serve(t, { PODPLAY_CATALOG: dashboardCatalog(t) })
  const browser = await launch(t)
  const api = async (method: 'GET' | 'POST', url: string, payload?: object) => await server.app.inject({ method, url, headers: server.auth(), ...(payload ? { payload } : {}) })
  t.equal((await api('POST', '/api/mcp/servers/showcase/install', {})).statusCode, 201)

  await withPage(t, browser, 'my-servers', async ({ page, allow }) => {
    allow(/status of 400/) // the call with arguments the schema refuses
    await signIn(page, server.url, server.adminToken, '/servers')
    const entry = page.getByRole('navigation', { name: 'Installed servers' }).getByRole('link', { name: /Showcase/ })
    await entry.getByText('stopped').waitFor()
    await entry.click()
    await page.waitForURL(`${server.url}/servers/showcase`)
    const state = page.getByRole('article').getByTestId('state')

    await page.getByRole('button', { name: 'Start', exact: true }).click()
    await state.getByText('running').waitFor()
    await entry.getByText('running').waitFor()
    await page.getByTestId('logs').getByText('showcase ready').waitFor()
    t.pass('started: the state is live and the log follows')

    const order = page.getByTestId('tool-order')
    await order.locator('summary').click()
    await order.getByLabel('name').fill('Ada')
    await order.getByLabel('vip').check()
    await order.getByLabel('size').selectOption({ label: 'large' })
    await order.getByLabel('quantity').fill('3')
    await order.getByRole('button', { name: 'Add to toppings' }).click()
    await order.getByRole('button', { name: 'Add to toppings' }).click()
    await order.getByLabel('toppings 1').fill('cheese')
    await order.getByLabel('toppings 2').fill('olives')
    await order.getByRole('button', { name: 'Call order' }).click()
    const result = order.getByTestId('tool-result')
    await result.getByText('3 large for Ada (VIP) with cheese and olives').waitFor()
    t.match(await result.textContent(), /"toppings": \[\s*"cheese",\s*"olives"\s*\]/, 'nested object, boolean, enum, number and array arguments; structured content shown')

    await order.getByLabel('Edit the arguments as JSON').check()
    await order.getByLabel('Arguments (JSON)').fill('{"customer":{"name":"Bo"},"size":"small","quantity":1}')
    await order.getByRole('button', { name: 'Call order' }).click()
    await result.getByText('1 small for Bo with nothing').waitFor()
    t.pass('raw JSON is the fallback')
    await order.getByLabel('Arguments (JSON)').fill('{"customer":{"name":"Bo"},"size":"huge","quantity":1}')
    await order.getByRole('button', { name: 'Call order' }).click()
    await order.getByRole('alert').getByText(/size/).waitFor()
    t.match(await order.getByRole('alert').textContent(), /request_id/, 'arguments the schema refuses: the service\'s message and request id')

    const picture = page.getByTestId('tool-picture')
    await picture.locator('summary').click()
    await picture.getByRole('button', { name: 'Call picture' }).click()
    const image = picture.getByRole('img', { name: 'image from the tool (image/png)' })
    await image.waitFor()
    t.ok(await image.evaluate((img: { naturalWidth: number }) => img.naturalWidth === 2), 'an image result is drawn')

    const broken = page.getByTestId('tool-broken')
    await broken.locator('summary').click()
    await broken.getByRole('button', { name: 'Call broken' }).click()
    await broken.getByRole('alert').getByText('The tool reported an error:').waitFor()
    t.ok(await broken.getByText('the widget is out of stock').isVisible(), 'a tool\'s own failure is shown as one')

    await page.getByRole('button', { name: 'Test' }).click()
    await page.getByTestId('test-result').getByText(/Test passed in \d+ ms: showcase offers 4 tools/).waitFor()

    // A change made elsewhere reaches the page over the socket.
    t.equal((await api('POST', '/api/mcp/installed/showcase/stop')).statusCode, 200)
    await state.getByText('stopped').waitFor()
    await page.getByText('Start the server to see and call its tools.').waitFor()
    t.pass('stopped from elsewhere: shown live')
  })
})
