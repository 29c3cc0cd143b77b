import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { projectRoot } from '../plugins/config.js'
import { ADMIN_TOKEN } from './app-server.js'
import { launchChromium } from './chromium.js'
import { median } from './load.js'
import { startProcess } from './processes.js'
import { boundVerdict, type Verdict } from './verdict.js'

/** The page's first load may bring at most this much JavaScript, compressed as it travels. */
const BUDGET_KB = 250
/** The marketplace's first results must be on screen within this long of a navigation to it. */
const RESULTS_MS = 1000
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3) + 2

interface Loaded { name: string, encodedBodySize: number, decodedBodySize: number }

/**
 * Runs in the page before its own scripts (Playwright injects it; the page's CSP does not apply):
 * notes the moment the first server card is on screen, on the navigation's clock.
 */
function watchForResults (): void {
  const scope = globalThis as any
  new scope.MutationObserver((_records: unknown, observer: { disconnect: () => void }) => {
    if (scope.document.querySelector('ul[aria-label="Servers"] li')) {
      scope.firstResultsAt = scope.performance.now()
      observer.disconnect()
    }
  }).observe(scope.document, { childList: true, subtree: true })
}

async function scripts (page: Page): Promise<Loaded[]> {
  const entries = await page.evaluate(() => (globalThis as any).performance.getEntriesByType('resource')
    .map((entry: Loaded) => ({ name: entry.name, encodedBodySize: entry.encodedBodySize, decodedBodySize: entry.decodedBodySize }))) as Loaded[]
  return entries.filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
}

/** A full navigation to the marketplace, signed in: milliseconds from its start until the first results show. */
async function timeToResults (page: Page, url: string): Promise<number> {
  await page.goto(`${url}/marketplace`)
  await page.waitForFunction(() => (globalThis as any).firstResultsAt !== undefined)
  return await page.evaluate(() => (globalThis as any).firstResultsAt as number)
}

/** From a click on "Marketplace" in the navigation until its first results show, without a page load. */
async function timeToResultsInPage (page: Page): Promise<number> {
  await page.getByRole('link', { name: 'Control center' }).click()
  await page.getByRole('heading', { name: 'Control center' }).waitFor()
  await page.evaluate(() => { (globalThis as any).firstResultsAt = undefined })
  await page.evaluate(watchForResults)
  const clicked = await page.evaluate(() => (globalThis as any).performance.now() as number)
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Marketplace' }).click()
  await page.waitForFunction(() => (globalThis as any).firstResultsAt !== undefined)
  return await page.evaluate(() => (globalThis as any).firstResultsAt as number) - clicked
}

/**
 * The dashboard in Debian's Chromium against the real service in its own process (as `npm start`
 * runs it, serving dist/web): the JavaScript of the first load, compressed as it is sent, against
 * its 250 KB budget (the terminal code must not be part of it); and how soon the marketplace's first
 * results are on screen after a navigation to it, against 1 s. Each verdict is budget / measured.
 */
export async function benchDashboard (): Promise<Verdict[]> {
  if (!existsSync(join(projectRoot, 'dist', 'web', 'index.html'))) throw new Error('the dashboard is not built: run `npm run build:web` first')
  const dataDir = await mkdtemp(join(tmpdir(), 'podplay-bench-dashboard-'))
  const app = await startProcess('server.ts', '/health/live', { env: { PODPLAY_DATA_DIR: dataDir, PODPLAY_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'warn' } })
  const browser = await launchChromium()
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
    await page.addInitScript(watchForResults)

    // A first visit: nothing cached, not signed in.
    await page.goto(`${app.url}/marketplace`)
    await page.getByLabel('API token').waitFor()
    const loaded = await scripts(page)
    const compressedKb = loaded.reduce((sum, entry) => sum + entry.encodedBodySize, 0) / 1024
    const decodedKb = loaded.reduce((sum, entry) => sum + entry.decodedBodySize, 0) / 1024
    const terminalCode = loaded.some((entry) => /terminals/.test(entry.name))
    console.log(`dashboard first load: ${loaded.length} script(s), ${compressedKb.toFixed(1)} KB compressed (${decodedKb.toFixed(1)} KB uncompressed); terminal code ${terminalCode ? 'INCLUDED' : 'not loaded'}`)

    await page.getByLabel('API token').fill(ADMIN_TOKEN)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('list', { name: 'Servers' }).waitFor()

    const loads: number[] = []
    const clicks: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      loads.push(await timeToResults(page, app.url))
      clicks.push(await timeToResultsInPage(page))
    }
    const load = median(loads)
    console.log(`marketplace first results, signed in: after a page load p50 ${load.toFixed(0)} ms (${loads.map((ms) => ms.toFixed(0)).join(', ')}); ` +
      `after a click in the page p50 ${median(clicks).toFixed(0)} ms`)
    return [
      terminalCode
        ? { name: 'dashboard first-load JavaScript, compressed', figure: `${compressedKb.toFixed(0)} KB with the terminal code`, target: 'without the terminal code', met: false }
        : boundVerdict('dashboard first-load JavaScript, compressed', compressedKb, 'KB', { atMost: BUDGET_KB }, `${decodedKb.toFixed(0)} KB uncompressed`),
      boundVerdict('marketplace first results after navigation', load, 'ms', { atMost: RESULTS_MS }, `after a click in the page ${median(clicks).toFixed(0)} ms`)
    ]
  } finally {
    await browser.close()
    await app.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
