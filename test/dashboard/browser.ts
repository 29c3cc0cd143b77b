import { mkdirSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Test } from 'tap'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from '../../bench/chromium.js'
import { projectRoot } from '../../plugins/config.js'
import type { BuildOptions } from '../../app.js'
import { build, listen, type Built } from '../helper.js'

/** Screenshots of every browser test, for a person to look at; ignored by git. */
export const artifactsDir = join(projectRoot, 'test-artifacts', 'dashboard')

const builtPage = join(projectRoot, 'dist', 'web', 'index.html')

function newestSource (dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

/**
 * The browser tests drive the built page (dist/web, as `npm start` serves it); `npm test` builds
 * it first (pretest). A page older than its sources would test yesterday's code, so that fails.
 */
export function assertPageBuilt (): void {
  let built: number
  try {
    built = statSync(builtPage).mtimeMs
  } catch {
    throw new Error(`${relative(projectRoot, builtPage)} is missing: run \`npm run build:web\` before the browser tests`)
  }
  if (newestSource(join(projectRoot, 'web', 'src')) > built) {
    throw new Error('dist/web is older than web/src: run `npm run build:web` before the browser tests')
  }
}

export interface Served extends Built {
  url: string
}

/**
 * The real app on a free loopback port, serving the built page, on the embedded defaults: the
 * page is same-origin, so it needs no CORS configuration for HTTP, Socket.IO or WebSockets.
 */
export async function serve (t: Test, env: Record<string, string> = {}, options: Partial<BuildOptions> = {}): Promise<Served> {
  assertPageBuilt()
  const built = await build(t, env, options)
  const url = await listen(built.app)
  return { ...built, url }
}

/** Debian's Chromium (bench/chromium.ts), closed when the test ends. */
export async function launch (t: Test): Promise<Browser> {
  const browser = await launchChromium()
  t.teardown(() => browser.close())
  return browser
}

export interface Watched {
  context: BrowserContext
  page: Page
  /** Console errors matching this are expected (e.g. a 401 the test provokes), not failures. */
  allow: (pattern: RegExp) => void
  /** Screenshots the page into test-artifacts/dashboard, closes it, and fails on any page or console error seen. */
  finish: () => Promise<void>
}

/** A fresh browser context (its own sessionStorage) with one page, watched for page and console errors. */
export async function openPage (t: Test, browser: Browser, name: string, options: { width?: number, height?: number } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 800 } })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const allowed: RegExp[] = []
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const text = message.text()
    if (!allowed.some((pattern) => pattern.test(text))) problems.push(`console error: ${text}`)
  })
  let finished = false
  const finish = async () => {
    if (finished) return
    finished = true
    mkdirSync(artifactsDir, { recursive: true })
    await page.screenshot({ path: join(artifactsDir, `${name}.png`) }).catch(() => {})
    await context.close()
    t.strictSame(problems, [], `${name}: no page or console errors`)
  }
  // A test that failed half-way still releases its context.
  t.teardown(async () => { if (!finished) await context.close() })
  return { context, page, allow: (pattern) => allowed.push(pattern), finish }
}

/** Runs `body` on a watched page, then screenshots it and checks that nothing went wrong in it. */
export async function withPage (t: Test, browser: Browser, name: string, body: (watched: Watched) => Promise<void>, options?: { width?: number, height?: number }): Promise<void> {
  const watched = await openPage(t, browser, name, options)
  try {
    await body(watched)
  } finally {
    // A failed test leaves its screenshot too: the first thing to look at.
    await watched.finish()
  }
}

/** Signs in through the form, as a person does, and waits for the live connection. */
export async function signIn (page: Page, url: string, token: string, path = '/'): Promise<void> {
  await page.goto(`${url}${path}`)
  await page.getByLabel('API token').fill(token)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByTestId('connection').getByText('Live').waitFor()
}

/** How many entries the page keeps in sessionStorage and in localStorage (the test process has no DOM types). */
export async function storage (page: Page): Promise<{ session: number, local: number }> {
  return await page.evaluate('({ session: sessionStorage.length, local: localStorage.length })')
}

/** Revokes every live token of a user, as an admin would while the user's page is open. */
export async function revokeTokensOf (server: Served, user: string): Promise<void> {
  for (const token of await server.app.tokens.list()) {
    if (token.user === user && !token.revoked_at) await server.app.tokens.revoke(token.id)
  }
}
