import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, readSync, closeSync, readdirSync, statSync, writeFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import t from 'tap'
import { withWorkspace } from './setup.js'

t.test('files round-trip as text and as base64; binary files are reported, not dumped', async (t) => {
  const { call, directory } = await withWorkspace(t)
  const created = await call('PUT', '/files?path=src/index.ts', { content: 'export const a = 1\n' })
  t.equal(created.statusCode, 201)
  t.match(created.json(), { path: 'src/index.ts', size: 19, created: true })
  const replaced = await call('PUT', '/files?path=src/index.ts', { content: 'export const a = 2\n', encoding: 'utf8' })
  t.equal(replaced.statusCode, 200)
  t.equal(replaced.json().created, false)

  const read = await call('GET', '/files?path=src/index.ts')
  t.match(read.json(), { path: 'src/index.ts', binary: false, encoding: 'utf8', content: 'export const a = 2\n', size: 19 })
  t.ok(Date.parse(read.json().mtime))

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])
  t.equal((await call('PUT', '/files?path=logo.png', { content: png.toString('base64'), encoding: 'base64' })).statusCode, 201)
  t.same(readFileSync(join(directory, 'logo.png')), png, 'base64 is decoded on write')
  const asText = (await call('GET', '/files?path=logo.png')).json()
  t.match(asText, { binary: true, encoding: null, content: null, size: png.length })
  const asBase64 = (await call('GET', '/files?path=logo.png&encoding=base64')).json()
  t.match(asBase64, { binary: true, encoding: 'base64', content: png.toString('base64') })

  writeFileSync(join(directory, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]))
  t.equal((await call('GET', '/files?path=latin1.txt')).json().binary, true, 'bytes that are not UTF-8 count as binary')
  writeFileSync(join(directory, 'utf8.txt'), 'café ☕')
  t.match((await call('GET', '/files?path=utf8.txt')).json(), { binary: false, content: 'café ☕' })

  const badBase64 = await call('PUT', '/files?path=x.bin', { content: 'not base64!', encoding: 'base64' })
  t.equal(badBase64.statusCode, 400)
  t.equal(badBase64.json().code, 'WORKSPACE_CONTENT_INVALID')
  const extra = await call('PUT', '/files?path=x.txt', { content: 'x', mode: 'append' })
  t.equal(extra.statusCode, 400, 'unknown body fields are refused')

  t.equal((await call('GET', '/files?path=missing.txt')).json().code, 'WORKSPACE_ENTRY_NOT_FOUND')
  t.equal((await call('GET', '/files?path=src')).json().code, 'WORKSPACE_NOT_A_FILE')
  t.equal((await call('GET', '/files?path=src/index.ts/deeper')).json().code, 'WORKSPACE_NOT_A_DIRECTORY')
  t.equal((await call('PUT', '/files?path=src', { content: 'x' })).json().code, 'WORKSPACE_NOT_A_FILE')
  t.equal((await call('PUT', '/files?path=', { content: 'x' })).statusCode, 400)
  t.equal((await call('PUT', '/files?path=src/index.ts/deeper.ts', { content: 'x' })).statusCode, 400)

  // A named pipe would block a plain open; it is refused as not a regular file, at once.
  execFileSync('mkfifo', [join(directory, 'pipe')])
  t.equal((await call('GET', '/files?path=pipe')).json().code, 'WORKSPACE_NOT_A_FILE')
  t.equal((await call('GET', '/search?q=x')).statusCode, 200, 'search passes the pipe by')
  t.equal((await call('GET', '/tree')).json().entries.find((e: { name: string }) => e.name === 'pipe').type, 'other')
})

t.test('reads and writes have size caps (413)', async (t) => {
  const { call, directory } = await withWorkspace(t, { PODPLAY_WORKSPACE_MAX_READ_BYTES: '1024', PODPLAY_WORKSPACE_MAX_WRITE_BYTES: '2048' })
  t.equal((await call('PUT', '/files?path=ok.txt', { content: 'a'.repeat(2048) })).statusCode, 201, 'exactly the cap is fine')
  const tooBig = await call('PUT', '/files?path=big.txt', { content: 'a'.repeat(2049) })
  t.equal(tooBig.statusCode, 413)
  t.equal(tooBig.json().code, 'WORKSPACE_FILE_TOO_LARGE')
  t.notOk(existsSync(join(directory, 'big.txt')))
  const bigBinary = await call('PUT', '/files?path=big.bin', { content: Buffer.alloc(2049).toString('base64'), encoding: 'base64' })
  t.equal(bigBinary.statusCode, 413, 'the decoded size counts')
  const hugeBody = await call('PUT', '/files?path=huge.txt', { content: 'a'.repeat(200_000) })
  t.equal(hugeBody.statusCode, 413, 'a body far above the cap is refused before it is parsed')

  t.equal((await call('GET', '/files?path=ok.txt')).statusCode, 413, 'a 2048-byte file is above the 1024-byte read cap')
  writeFileSync(join(directory, 'small.txt'), 'a'.repeat(1024))
  t.equal((await call('GET', '/files?path=small.txt')).statusCode, 200)
  t.equal((await call('GET', '/files?path=small.txt&encoding=base64')).json().content.length, 1368)
})

t.test('writes are atomic: a temporary file renamed over the target', async (t) => {
  const { call, directory } = await withWorkspace(t)
  await call('PUT', '/files?path=config.json', { content: '{"version":1}' })
  const target = join(directory, 'config.json')
  chmodSync(target, 0o640)
  const before = statSync(target)
  const reader = openSync(target, 'r')
  t.teardown(() => closeSync(reader))

  const written = await call('PUT', '/files?path=config.json', { content: '{"version":2}' })
  t.equal(written.statusCode, 200)
  const after = statSync(target)
  t.not(after.ino, before.ino, 'a new inode replaced the old one (rename, not rewrite in place)')
  t.equal(after.mode & 0o777, 0o640, 'the file keeps its permissions')
  const old = Buffer.alloc(64)
  t.equal(old.subarray(0, readSync(reader, old, 0, 64, 0)).toString(), '{"version":1}', 'a reader of the old file saw it whole')
  t.equal(readFileSync(target, 'utf8'), '{"version":2}')
  t.same(readdirSync(directory).filter((name) => name.includes('podplay-tmp')), [], 'no temporary file is left')

  // A failed rename (the target became a folder) leaves no temporary file either.
  mkdirSync(join(directory, 'folder'))
  t.equal((await call('PUT', '/files?path=folder', { content: 'x' })).statusCode, 400)
  t.same(readdirSync(directory).filter((name) => name.includes('podplay-tmp')), [])
})

t.test('tree lists folders depth-first and skips node_modules and .git unless asked', async (t) => {
  const { call, directory } = await withWorkspace(t)
  for (const file of ['README.md', 'src/index.ts', 'src/lib/util.ts', 'node_modules/pg/index.js', '.git/config', 'src/node_modules/x.js']) {
    mkdirSync(join(directory, file, '..'), { recursive: true })
    writeFileSync(join(directory, file), file)
  }
  symlinkSync('src', join(directory, 'alias'))

  const top = (await call('GET', '/tree')).json()
  t.equal(top.truncated, false)
  t.same(top.entries.map((e: { path: string, type: string }) => `${e.type}:${e.path}`), ['directory:src', 'file:README.md', 'symlink:alias'])
  t.match(top.entries[1], { name: 'README.md', size: 9, depth: 1 })
  t.equal(top.entries[0].size, null)

  const deep = (await call('GET', '/tree?depth=5')).json()
  t.same(deep.entries.map((e: { path: string }) => e.path), ['src', 'src/lib', 'src/lib/util.ts', 'src/index.ts', 'README.md', 'alias'], 'links are not followed')
  t.same(deep.entries.map((e: { depth: number }) => e.depth), [1, 2, 3, 2, 1, 1])

  const all = (await call('GET', '/tree?depth=5&include_ignored=true')).json()
  for (const path of ['node_modules/pg/index.js', '.git/config', 'src/node_modules/x.js']) {
    t.ok(all.entries.some((e: { path: string }) => e.path === path), `${path} is listed when asked`)
  }

  const sub = (await call('GET', '/tree?path=src/lib')).json()
  t.same(sub, { path: 'src/lib', truncated: false, entries: [{ ...sub.entries[0], path: 'src/lib/util.ts', name: 'util.ts', type: 'file', depth: 1 }] })
  t.equal((await call('GET', '/tree?path=README.md')).json().code, 'WORKSPACE_NOT_A_DIRECTORY')
  t.equal((await call('GET', '/tree?path=nowhere')).statusCode, 404)
  t.equal((await call('GET', '/tree?depth=0')).statusCode, 400)
})

t.test('search finds text case-insensitively, with a result cap', async (t) => {
  const { call, directory } = await withWorkspace(t, { PODPLAY_WORKSPACE_SEARCH_MAX_RESULTS: '3' })
  writeFileSync(join(directory, 'a.ts'), 'const TODO = 1\n// todo: more\nnothing here\n')
  mkdirSync(join(directory, 'src'))
  writeFileSync(join(directory, 'src/b.ts'), `${'x'.repeat(300)} todo ${'y'.repeat(300)}\r\nTodo again\n`)
  mkdirSync(join(directory, 'node_modules'))
  writeFileSync(join(directory, 'node_modules/dep.js'), 'todo in a dependency')
  writeFileSync(join(directory, 'a-blob.bin'), Buffer.from([0, 1, 2, 0x74, 0x6f, 0x64, 0x6f]))

  const capped = (await call('GET', '/search?q=todo')).json()
  t.equal(capped.matches.length, 3)
  t.equal(capped.truncated, true)
  t.same(capped.matches[0], { path: 'src/b.ts', line: 1, column: 302, preview: `…${'x'.repeat(79)} todo ${'y'.repeat(79)}…` })

  const inA = (await call('GET', '/search?q=TODO&path=src&limit=10')).json()
  t.same(inA.matches.map((m: { path: string, line: number }) => `${m.path}:${m.line}`), ['src/b.ts:1', 'src/b.ts:2'])
  t.equal(inA.truncated, false)
  t.equal(inA.files_scanned, 1)

  const aboveCap = (await call('GET', '/search?q=todo&limit=100')).json()
  t.equal(aboveCap.matches.length, 3, 'a client limit never exceeds the server cap')
  const inRoot = (await call('GET', '/search?q=todo&path=.')).json()
  t.same(inRoot.matches.map((m: { path: string, line: number, column: number }) => `${m.path}:${m.line}:${m.column}`),
    ['src/b.ts:1:302', 'src/b.ts:2:1', 'a.ts:1:7'], 'node_modules and binary files are skipped')
  t.equal((await call('GET', '/search?q=')).statusCode, 400)
  t.equal((await call('GET', '/search?q=x&path=a.ts')).json().code, 'WORKSPACE_NOT_A_DIRECTORY')
})

t.test('move and delete', async (t) => {
  const { call, directory } = await withWorkspace(t)
  await call('PUT', '/files?path=a.txt', { content: 'A' })
  await call('PUT', '/files?path=b.txt', { content: 'B' })
  await call('PUT', '/files?path=dir/c.txt', { content: 'C' })

  const moved = await call('POST', '/files/move', { from: 'a.txt', to: 'new/deep/a.txt' })
  t.same(moved.json(), { from: 'a.txt', to: 'new/deep/a.txt' })
  t.equal(readFileSync(join(directory, 'new/deep/a.txt'), 'utf8'), 'A')
  t.notOk(existsSync(join(directory, 'a.txt')))

  const clash = await call('POST', '/files/move', { from: 'b.txt', to: 'new/deep/a.txt' })
  t.equal(clash.statusCode, 409)
  t.equal(clash.json().code, 'WORKSPACE_ENTRY_EXISTS')
  t.equal((await call('POST', '/files/move', { from: 'b.txt', to: 'new/deep/a.txt', overwrite: true })).statusCode, 200)
  t.equal(readFileSync(join(directory, 'new/deep/a.txt'), 'utf8'), 'B')
  t.equal((await call('POST', '/files/move', { from: 'b.txt', to: 'c.txt' })).statusCode, 404)
  t.equal((await call('POST', '/files/move', { from: 'dir', to: 'dir/inner' })).statusCode, 400, 'a folder cannot move into itself')
  t.equal((await call('POST', '/files/move', { from: '', to: 'x' })).statusCode, 400)
  await call('PUT', '/files?path=full/keep.txt', { content: 'K' })
  const overFolder = await call('POST', '/files/move', { from: 'dir', to: 'full', overwrite: true })
  t.equal(overFolder.statusCode, 409, 'a move does not replace a folder that has files')
  t.equal(overFolder.json().code, 'WORKSPACE_DIRECTORY_NOT_EMPTY')
  t.equal((await call('POST', '/files/move', { from: 'dir', to: 'renamed' })).statusCode, 200)
  t.ok(existsSync(join(directory, 'renamed/c.txt')))

  const notEmpty = await call('DELETE', '/files?path=renamed')
  t.equal(notEmpty.statusCode, 409)
  t.equal(notEmpty.json().code, 'WORKSPACE_DIRECTORY_NOT_EMPTY')
  t.equal((await call('DELETE', '/files?path=renamed&recursive=true')).statusCode, 204)
  t.notOk(existsSync(join(directory, 'renamed')))
  mkdirSync(join(directory, 'empty'))
  t.equal((await call('DELETE', '/files?path=empty')).statusCode, 204)
  t.equal((await call('DELETE', '/files?path=new/deep/a.txt')).statusCode, 204)
  t.equal((await call('DELETE', '/files?path=new/deep/a.txt')).statusCode, 404)
  t.equal((await call('DELETE', '/files?path=.')).statusCode, 400, 'the root is not deleted this way')
  t.ok(existsSync(directory))
})
