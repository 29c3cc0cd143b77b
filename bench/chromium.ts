import { chromium, type Browser } from 'playwright-core'

/**
 * Debian's Chromium (`apt-get install chromium`), headless, driven by playwright-core: never a
 * downloaded browser. As root it needs --no-sandbox, which Playwright adds; the other two flags
 * keep it from reaching out to the network on its own.
 */
export async function launchChromium (): Promise<Browser> {
  return await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--disable-background-networking', '--disable-component-update']
  })
}
