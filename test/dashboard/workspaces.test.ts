import t from 'tap'
import { launch, serve, signIn, withPage } from './browser.js'

t.test('workspaces in a browser: files live, edited, renamed, deleted, and what to install for them', async (t) => {
  const server = await serve(t)
  const browser = await launch(t)
  const api = async (method: 'GET' | 'PUT', url: string, payload?: object) => await server.app.inject({ method, url, headers: server.auth(), ...(payload ? { payload } : {}) })

  await withPage(t, browser, 'workspaces', async ({ page, allow }) => {
    allow(/status of 400/) // the one-click install of a server that needs values
    await signIn(page, server.url, server.adminToken, '/workspaces')
    await page.getByText('No workspace yet').waitFor()
    await page.getByLabel('New workspace name').fill('shop')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.waitForURL(/\/workspaces\/[^/]+$/)
    const id = new URL(page.url()).pathname.split('/').pop()!
    await page.getByRole('heading', { name: 'shop', level: 1 }).waitFor()
    const files = page.getByRole('navigation', { name: 'Files' })

    await page.getByLabel('New file').fill('notes/hello.txt')
    await page.getByRole('button', { name: 'Create', exact: true }).click()
    await page.getByLabel('Contents of notes/hello.txt').fill('Hello from the dashboard\n')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText(/^Saved at/).waitFor()
    t.equal((await api('GET', `/api/workspaces/${id}/files?path=notes/hello.txt`)).json().content, 'Hello from the dashboard\n', 'saved through the API')
    await files.getByRole('button', { name: 'notes/' }).waitFor()
    await files.getByRole('button', { name: 'hello.txt' }).waitFor()
    t.pass('the new file and its folder are in the tree')

    // Written by someone else: the tree changes without a reload.
    t.equal((await api('PUT', `/api/workspaces/${id}/files?path=from-api.md`, { content: '# written elsewhere' })).statusCode, 201)
    await files.getByRole('button', { name: 'from-api.md' }).waitFor()
    t.pass('a file written through the API appears live')
    await files.getByRole('button', { name: 'from-api.md' }).click()
    t.equal(await page.getByLabel('Contents of from-api.md').inputValue(), '# written elsewhere', 'and opens')

    await api('PUT', `/api/workspaces/${id}/files?path=from-api.md`, { content: '# changed elsewhere' })
    await page.getByText('The file changed on disk.').waitFor()
    await page.getByRole('button', { name: 'Load the new version' }).click()
    // A function, not a string: the page's CSP forbids eval, which string predicates need when they poll.
    await page.waitForFunction(() => (globalThis as any).document.getElementById('file-content')?.value === '# changed elsewhere')
    t.pass('a change on disk to the open file is offered')

    await page.getByLabel('New path for from-api.md').fill('docs/readme.md')
    await page.getByRole('button', { name: 'Rename' }).click()
    await page.getByRole('heading', { name: 'docs/readme.md' }).waitFor()
    await files.getByRole('button', { name: 'from-api.md' }).waitFor({ state: 'detached' })
    await files.getByRole('button', { name: 'readme.md' }).waitFor()
    t.equal((await api('GET', `/api/workspaces/${id}/files?path=docs/readme.md`)).statusCode, 200, 'renamed')

    page.once('dialog', (dialog) => { dialog.accept().catch(() => {}) })
    await page.getByRole('button', { name: 'Delete', exact: true }).click()
    await files.getByRole('button', { name: 'readme.md' }).waitFor({ state: 'detached' })
    t.equal((await api('GET', `/api/workspaces/${id}/files?path=docs/readme.md`)).statusCode, 404, 'deleted')

    const recommended = page.getByRole('region', { name: 'Recommended for this workspace' })
    await recommended.getByText(/Nothing to suggest/).waitFor()
    await api('PUT', `/api/workspaces/${id}/files?path=package.json`, { content: JSON.stringify({ dependencies: { pg: '^8', ioredis: '^5' } }) })
    await recommended.getByText('package.json depends on ioredis').waitFor()
    t.ok(await recommended.getByText('package.json depends on pg').isVisible(), 'the manifest\'s recommendations arrive live')
    await recommended.getByRole('button', { name: 'Install Redis' }).click()
    await recommended.getByText('package.json depends on ioredis').waitFor({ state: 'detached' })
    t.equal((await api('GET', '/api/mcp/installed/redis')).statusCode, 200, 'one click installs a server that needs no values')
    await recommended.getByRole('button', { name: 'Install PostgreSQL' }).click()
    await recommended.getByRole('alert').waitFor()
    t.ok(await recommended.getByRole('link', { name: 'Give its values on its page' }).isVisible(), 'one that needs values points to its form')
  })
})
