import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { projectRoot } from '../../plugins/config.js'
import { tempDir } from '../helper.js'

const run = promisify(execFile)

/** Runs the podplay command line the way `npx podplay` does, from TypeScript. */
async function podplay (dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(projectRoot, 'cli.ts'), ...args], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, PODPLAY_DATA_DIR: dataDir }
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number, stdout: string, stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

t.test('tokens are created, listed and revoked offline', async (t) => {
  const dataDir = tempDir(t)
  const created = await podplay(dataDir, 'token', 'create', '--user', 'alice', '--scopes', 'read,write', '--name', 'laptop')
  t.equal(created.code, 0, created.stderr)
  const token = created.stdout.trim()
  t.match(token, /^pps_/)
  t.match(created.stderr, /for alice with scopes read,write/)

  const listed = await podplay(dataDir, 'token', 'list')
  t.equal(listed.code, 0)
  t.match(listed.stdout, /alice {2}read,write {2}laptop {2}live/)
  t.notOk(listed.stdout.includes(token), 'the token itself is never listed')
  const id = listed.stdout.split(/\s+/)[0]

  const revoked = await podplay(dataDir, 'token', 'revoke', id)
  t.equal(revoked.code, 0)
  t.match((await podplay(dataDir, 'token', 'list')).stdout, /revoked/)

  const again = await podplay(dataDir, 'token', 'revoke', id)
  t.equal(again.code, 1)
  t.match(again.stderr, /no live token/)

  const badScope = await podplay(dataDir, 'token', 'create', '--user', 'bob', '--scopes', 'root')
  t.not(badScope.code, 0)
  t.match(badScope.stderr, /unknown scope root/)
})

t.test('openapi prints the document without starting a server or touching the data dir', async (t) => {
  const dataDir = tempDir(t)
  const printed = await podplay(dataDir, 'openapi')
  t.equal(printed.code, 0, printed.stderr)
  const document = JSON.parse(printed.stdout)
  t.equal(document.openapi, '3.1.0')
  t.ok(document.paths['/api/auth/me'])
})

t.test('a bad configuration is reported, not thrown', async (t) => {
  const bad = await run(process.execPath, [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(projectRoot, 'cli.ts'), 'token', 'list'], {
    cwd: projectRoot, env: { PATH: process.env.PATH, LOG_LEVEL: 'loud' }
  }).catch((error: { code: number, stderr: string }) => error)
  t.equal((bad as { code: number }).code, 1)
  t.match((bad as { stderr: string }).stderr, /Invalid configuration:\n {2}- LOG_LEVEL="loud"/)
})
