import t from 'tap'
import type { Page } from 'playwright-core'
import { tokenFor } from '../helper.js'
import { launch, serve, signIn, withPage } from './browser.js'

/** The lines xterm.js shows in the active tab. Run in the page as it is: the page's CSP forbids eval. */
function visibleLines (): string[] {
  const rows = (globalThis as any).document.querySelector('[role="tabpanel"]:not([hidden]) .xterm-rows')?.children ?? []
  return [...rows].map((row: { textContent: string }) => row.textContent.replace(/\u00a0/g, ' ').trimEnd())
}

async function screen (page: Page): Promise<string> {
  return (await page.evaluate(visibleLines)).join('\n')
}

/** Waits until a line of the active terminal matches (polling in the page; no eval, so no helper functions). */
async function waitForScreen (page: Page, line: RegExp): Promise<void> {
  await page.waitForFunction(([source, flags]) => {
    const rows = (globalThis as any).document.querySelector('[role="tabpanel"]:not([hidden]) .xterm-rows')?.children ?? []
    return [...rows].some((row: { textContent: string }) => new RegExp(source, flags).test(row.textContent.replace(/\u00a0/g, ' ').trimEnd()))
  }, [line.source, line.flags] as const)
}

async function type (page: Page, line: string): Promise<void> {
  await page.getByRole('tabpanel').locator('.xterm-helper-textarea').focus()
  await page.keyboard.type(line)
  await page.keyboard.press('Enter')
}

const connected = (page: Page) => page.getByRole('tabpanel').getByText(/^Connected/).waitFor()

t.test('terminals in a browser: xterm.js over the raw WebSocket, shared, read-only, reconnecting, in tabs', async (t) => {
  const server = await serve(t)
  const browser = await launch(t)
  const workspace = (await server.app.inject({ method: 'POST', url: '/api/workspaces', headers: server.auth(), payload: { name: 'term-space' } })).json()
  const watcher = await tokenFor(server.app, 'admin', ['read'])
  const terminal = async (id: string) => (await server.app.inject({ url: `/api/terminals/${id}`, headers: server.auth() })).json()

  await withPage(t, browser, 'terminals', async ({ page }) => {
    await signIn(page, server.url, server.adminToken, `/terminals?workspace=${workspace.id}`)
    await page.getByLabel('Shell').fill('sh')
    await page.getByRole('button', { name: 'Open a terminal' }).click()
    await page.waitForURL(/\/terminals\/[^/]+$/)
    const id = new URL(page.url()).pathname.split('/').pop()!
    await connected(page)
    await type(page, 'echo $((6*7))')
    await waitForScreen(page, /^42$/)
    t.pass('typed into the shell, its answer on screen')

    await withPage(t, browser, 'terminals-second-page', async ({ page: second }) => {
      await signIn(second, server.url, server.adminToken, `/terminals/${id}`)
      await connected(second)
      await waitForScreen(second, /^42$/)
      t.pass('a second page attached to the terminal shows the same screen')
      await type(page, 'echo shared-$((40+2))')
      await waitForScreen(second, /^shared-42$/)
      t.pass('and follows it live')
    })

    await withPage(t, browser, 'terminals-read-only', async ({ page: reader }) => {
      await signIn(reader, server.url, watcher, `/terminals/${id}`)
      await connected(reader)
      t.match(await reader.getByRole('tabpanel').getByRole('status').textContent(), /read-only this token cannot type/, 'a read-only attachment says so')
      await waitForScreen(reader, /^shared-42$/)
      t.ok(await reader.getByRole('button', { name: 'Open a terminal' }).isDisabled(), 'and cannot open terminals')
    })

    // The connection drops (the service end goes away): the page reconnects and redraws from the replay.
    const before = await screen(page)
    for (const client of server.app.websocketServer.clients) client.terminate()
    await page.getByRole('tabpanel').getByText(/reconnecting/).waitFor()
    await connected(page)
    await waitForScreen(page, /^shared-42$/)
    t.match(await screen(page), /^42$[\s\S]*^shared-42$/m, 'reconnected, with the replay')
    t.equal((await screen(page)).match(/shared-42/g)?.length, before.match(/shared-42/g)?.length, 'drawn once, not appended twice')

    const cols = (await terminal(id)).cols
    await page.setViewportSize({ width: 1024, height: 700 })
    // The page sends the resize as its own frame; the service's terminal takes the new size.
    for (let tries = 0; tries < 100 && (await terminal(id)).cols === cols; tries++) await page.waitForTimeout(100)
    t.ok((await terminal(id)).cols < cols, 'resized with the window')

    await page.getByLabel('Shell').fill('sh')
    await page.getByRole('button', { name: 'Open a terminal' }).click()
    await page.getByRole('tab').nth(1).and(page.locator('[aria-selected="true"]')).waitFor()
    await connected(page)
    await type(page, 'echo second-$((1+1))-tab')
    await waitForScreen(page, /^second-2-tab$/)
    await page.getByRole('tab').first().click()
    await waitForScreen(page, /^shared-42$/)
    t.notMatch(await screen(page), /^second-2-tab$/m, 'several terminals at once, in tabs')

    page.once('dialog', (dialog) => { dialog.accept().catch(() => {}) })
    await page.getByRole('button', { name: 'Close 1' }).click()
    await page.getByRole('tab').nth(1).waitFor({ state: 'detached' })
    t.equal((await server.app.inject({ url: `/api/terminals/${id}`, headers: server.auth() })).statusCode, 404, 'closed')
  })
})
