import { readFile } from 'node:fs/promises'
import t from 'tap'
import type { Page } from 'playwright-core'
import { FakeProvider, openaiFrames } from '../mama-bear/fake-providers.js'
import { launch, serve, signIn, withPage } from './browser.js'

/** The last answer on the page. */
const lastAnswer = (page: Page) => page.getByTestId('message-assistant').last()

async function ask (page: Page, text: string): Promise<void> {
  await page.getByLabel('Message Mama Bear').fill(text)
  await page.getByLabel('Message Mama Bear').press('Enter')
}

t.test('Mama Bear in a browser, on a provider speaking the OpenAI wire format', async (t) => {
  const fake = await FakeProvider.start(t, 'openai')
  const server = await serve(t, fake.env())
  const browser = await launch(t)

  await t.test('the answer arrives piece by piece, as Markdown, before the final response', async (t) => {
    fake.enqueue({ frames: openaiFrames({ text: ['Hello ', 'from ', 'the **fake** ', 'provider.'] }), stallAfter: 4, resumable: true })
    await withPage(t, browser, 'chat-streaming', async ({ page }) => {
      await signIn(page, server.url, server.adminToken, '/chat')
      await ask(page, 'Say hello')
      await page.waitForURL(/\/chat\/[^/]+$/)
      await lastAnswer(page).getByText('Hello from the fake').waitFor()
      t.equal(await lastAnswer(page).getAttribute('aria-busy'), 'true', 'pieces are shown while the answer is still being written')
      t.ok(await lastAnswer(page).getByText('writing…').isVisible())
      t.equal(await lastAnswer(page).locator('.message-text strong').textContent(), 'fake', 'rendered as Markdown')
      fake.resume()
      await lastAnswer(page).getByText('Hello from the fake provider.').waitFor()
      await lastAnswer(page).and(page.locator('[aria-busy="false"]')).waitFor()
      t.pass('then the final response')
      await page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: /Say hello/ }).waitFor()
      t.pass('the new conversation is in the list')
    })
  })

  await t.test('Stop ends a long answer at the provider and keeps what was written', async (t) => {
    fake.enqueue({ frames: openaiFrames({ text: ['A long ', 'story ', 'that never ', 'ends'] }), stallAfter: 3 })
    await withPage(t, browser, 'chat-stop', async ({ page }) => {
      await signIn(page, server.url, server.adminToken, '/chat')
      await ask(page, 'Tell me a long story')
      await lastAnswer(page).getByText('A long story').waitFor()
      const hungUp = fake.nextHangUp()
      await page.getByRole('button', { name: 'Stop' }).click()
      await lastAnswer(page).getByText('stopped').waitFor()
      await hungUp
      t.pass('the request to the provider was cancelled')
      t.match(await lastAnswer(page).locator('.message-text').textContent(), /^A long story\s*$/, 'the partial text stays')
      await page.getByRole('button', { name: 'Send' }).waitFor()
    })
  })

  await t.test('a reload in the middle of an answer rejoins the conversation and continues it', async (t) => {
    fake.enqueue({ frames: openaiFrames({ text: ['Once ', 'upon ', 'a time, ', 'the end.'] }), stallAfter: 3, resumable: true })
    await withPage(t, browser, 'chat-reload', async ({ page }) => {
      await signIn(page, server.url, server.adminToken, '/chat')
      await ask(page, 'A fairy tale, please')
      await page.waitForURL(/\/chat\/[^/]+$/)
      await lastAnswer(page).getByText('Once upon').waitFor()
      await page.reload()
      await page.getByTestId('connection').getByText('Live').waitFor()
      await lastAnswer(page).getByText('Once upon').waitFor()
      t.equal(await lastAnswer(page).getAttribute('aria-busy'), 'true', 'after the reload: the text so far, still being written')
      fake.resume()
      await lastAnswer(page).getByText('Once upon a time, the end.').waitFor()
      await lastAnswer(page).and(page.locator('[aria-busy="false"]')).waitFor()
      t.equal((await lastAnswer(page).locator('.message-text').textContent())?.trim(), 'Once upon a time, the end.', 'continued, with nothing twice or missing')
    })
  })

  await t.test('tool calls are shown collapsed, with their arguments and results', async (t) => {
    fake.enqueue(
      { frames: openaiFrames({ tools: [{ id: 'call_1', name: 'marketplace_search', arguments: { query: 'postgres' } }] }) },
      { frames: openaiFrames({ text: ['PostgreSQL is the one.'] }) }
    )
    await withPage(t, browser, 'chat-tools', async ({ page }) => {
      await signIn(page, server.url, server.adminToken, '/chat')
      await ask(page, 'Which server for Postgres?')
      await lastAnswer(page).getByText('PostgreSQL is the one.').waitFor()
      const call = lastAnswer(page).getByTestId('tool-call')
      t.match(await call.locator('summary').textContent(), /marketplace_search · done/)
      t.notOk(await call.getByText('Arguments', { exact: true }).isVisible(), 'collapsed')
      await call.locator('summary').click()
      t.match(await call.locator('pre').first().textContent(), /"query": "postgres"/, 'its arguments')
      t.match(await call.locator('pre').last().textContent(), /postgres/i, 'its result')
    })
  })

  await t.test('conversations: search, export and delete', async (t) => {
    await withPage(t, browser, 'chat-conversations', async ({ page }) => {
      await signIn(page, server.url, server.adminToken, '/chat')
      const list = page.getByRole('navigation', { name: 'Conversations' })
      await list.getByLabel('Search messages').fill('fairy')
      await list.getByLabel('Search results').getByRole('link', { name: /A fairy tale/ }).click()
      await page.waitForURL(/\/chat\/[^/]+$/)
      await lastAnswer(page).getByText('Once upon a time, the end.').waitFor()

      const download = page.waitForEvent('download')
      await page.getByRole('button', { name: 'Export Markdown' }).click()
      const file = await (await download).path()
      t.match(await readFile(file, 'utf8'), /A fairy tale, please[\s\S]*Once upon a time, the end\./, 'the export holds the conversation')

      page.once('dialog', (dialog) => { dialog.accept().catch(() => {}) })
      await page.getByRole('button', { name: 'Delete' }).click()
      await page.waitForURL(`${server.url}/chat`)
      await list.getByLabel('Search messages').fill('')
      t.equal(await list.getByLabel('Search results').count(), 0, 'a cleared search shows no results at once')
      // The list still shows it until it is fetched again after the deletion.
      await list.getByRole('list', { name: 'All conversations' }).getByRole('link', { name: /A fairy tale/ }).waitFor({ state: 'detached' })
      await list.getByRole('link', { name: /Say hello/ }).waitFor()
      t.pass('deleted')
    })
  })
})
