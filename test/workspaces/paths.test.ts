import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { withWorkspace } from './setup.js'

/** A folder outside the workspace with a secret in it, removed at the end. */
function outside (t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'podplay-outside-'))
  writeFileSync(join(dir, 'secret.txt'), 'top secret')
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

t.test('every traversal attempt is refused', async (t) => {
  const { call, directory } = await withWorkspace(t)
  const elsewhere = outside(t)
  writeFileSync(join(directory, 'inside.txt'), 'fine')
  symlinkSync(join(elsewhere, 'secret.txt'), join(directory, 'file-link'))
  symlinkSync(elsewhere, join(directory, 'dir-link'))
  symlinkSync(join(elsewhere, 'not-yet.txt'), join(directory, 'dangling-link'))
  symlinkSync('inside.txt', join(directory, 'good-link'))
  mkdirSync(join(directory, 'sub'))

  const invalid: Array<[string, RegExp]> = [
    ['../secret.txt', /'\.\.' segments/],
    ['sub/../../secret.txt', /'\.\.' segments/],
    ['..', /'\.\.' segments/],
    ['..\\secret.txt', /'\.\.' segments/],
    ['sub\\..\\..\\secret.txt', /'\.\.' segments/],
    ['/etc/passwd', /absolute/],
    [join(elsewhere, 'secret.txt'), /absolute/],
    ['C:\\Windows\\win.ini', /absolute/],
    ['\\\\server\\share\\x', /absolute/],
    ['inside.txt\u0000.png', /NUL byte/]
  ]
  for (const [path, message] of invalid) {
    const encoded = encodeURIComponent(path)
    for (const [method, url, body] of [
      ['GET', `/files?path=${encoded}`],
      ['PUT', `/files?path=${encoded}`, { content: 'x' }],
      ['DELETE', `/files?path=${encoded}`],
      ['GET', `/tree?path=${encoded}`],
      ['GET', `/search?q=secret&path=${encoded}`],
      ['POST', '/files/move', { from: 'inside.txt', to: path }],
      ['POST', '/files/move', { from: path, to: 'moved.txt' }]
    ] as const) {
      const response = await call(method, url, body)
      t.equal(response.statusCode, 400, `${method} ${url} ${JSON.stringify(body ?? '')}`)
      t.equal(response.json().code, 'WORKSPACE_PATH_INVALID')
      t.match(response.json().message, message)
    }
  }
  // Percent-encoded dots decode to the same `..` before the check.
  const encodedDots = await call('GET', '/files?path=%2e%2e%2fsecret.txt')
  t.equal(encodedDots.statusCode, 400)

  const escaping: Array<[string, string, unknown?]> = [
    ['GET', '/files?path=file-link'],
    ['PUT', '/files?path=file-link', { content: 'overwrite the secret' }],
    ['GET', '/files?path=dir-link/secret.txt'],
    ['PUT', '/files?path=dir-link/new.txt', { content: 'plant a file' }],
    ['PUT', '/files?path=dir-link/deeper/new.txt', { content: 'plant a file' }],
    ['PUT', '/files?path=dangling-link', { content: 'create through a dangling link' }],
    ['PUT', '/files?path=dangling-link/x.txt', { content: 'create under a dangling link' }],
    ['GET', '/tree?path=dir-link'],
    ['GET', '/search?q=secret&path=dir-link'],
    ['DELETE', '/files?path=dir-link/secret.txt'],
    ['POST', '/files/move', { from: 'dir-link/secret.txt', to: 'stolen.txt' }],
    ['POST', '/files/move', { from: 'inside.txt', to: 'dir-link/exfiltrated.txt' }]
  ]
  for (const [method, url, body] of escaping) {
    const response = await call(method as 'GET', url, body)
    t.equal(response.statusCode, 403, `${method} ${url}`)
    t.equal(response.json().code, 'WORKSPACE_PATH_OUTSIDE')
  }
  t.notOk((await call('GET', '/search?q=top%20secret')).json().matches.length, 'search does not follow links out')

  const { readFileSync, existsSync } = await import('node:fs')
  t.equal(readFileSync(join(elsewhere, 'secret.txt'), 'utf8'), 'top secret', 'the outside file is untouched')
  t.notOk(existsSync(join(elsewhere, 'new.txt')))
  t.notOk(existsSync(join(elsewhere, 'not-yet.txt')))
  t.notOk(existsSync(join(elsewhere, 'exfiltrated.txt')))

  // A link inside the workspace is followed; deleting a link removes the link, not its target.
  t.equal((await call('GET', '/files?path=good-link')).json().content, 'fine')
  t.equal((await call('DELETE', '/files?path=file-link')).statusCode, 204)
  t.ok(existsSync(join(elsewhere, 'secret.txt')), 'deleting the link left its target alone')
})

t.test('resolve() gives absolute paths inside the workspace to other services', async (t) => {
  const { app, adminToken, id, directory } = await withWorkspace(t)
  const admin = await app.tokens.verify(adminToken)
  const userId = admin!.userId
  t.equal(await app.workspaces.resolve(userId, id, ''), directory)
  t.equal(await app.workspaces.resolve(userId, id, '.'), directory)
  t.equal(await app.workspaces.resolve(userId, id, 'src/new/file.ts'), join(directory, 'src/new/file.ts'))
  mkdirSync(join(directory, 'src'))
  symlinkSync('src', join(directory, 'alias'))
  t.equal(await app.workspaces.resolve(userId, id, 'alias/x.ts'), join(directory, 'src/x.ts'), 'links inside are followed')
  symlinkSync('/', join(directory, 'root-link'))
  const status = (promise: Promise<unknown>) => promise.then(() => 200, (error: { statusCode: number }) => error.statusCode)
  t.equal(await status(app.workspaces.resolve(userId, id, 'root-link/etc')), 403)
  t.equal(await status(app.workspaces.resolve(userId, id, '../x')), 400)
  symlinkSync('loop-b', join(directory, 'loop-a'))
  symlinkSync('loop-a', join(directory, 'loop-b'))
  t.equal(await status(app.workspaces.resolve(userId, id, 'loop-a/x')), 403, 'a symlink loop is refused')
})
