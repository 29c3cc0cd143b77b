import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import t, { type Test } from 'tap'
import { tempDir } from '../helper.js'
import { alive, eventually } from './fixtures.js'
import { RingBuffer } from '../../services/terminals/ring-buffer.js'
import { ShellPolicy, shellEnvironment } from '../../services/terminals/shells.js'
import { TerminalManager, type TerminalManagerOptions } from '../../services/terminals/manager.js'
import type { Principal } from '../../services/auth/tokens.js'

const owner: Principal = { userId: 'u1', userName: 'owner', tokenId: 't1', scopes: ['read', 'write'] }
const reader: Principal = { userId: 'u1', userName: 'owner', tokenId: 't2', scopes: ['read'] }
const stranger: Principal = { userId: 'u2', userName: 'stranger', tokenId: 't3', scopes: ['read', 'write'] }
const admin: Principal = { userId: 'u3', userName: 'admin', tokenId: 't4', scopes: ['read', 'write', 'admin'] }

/** A manager over a real directory standing for the workspace (the workspaces service is tested on its own). */
function manager (t: Test, options: Partial<TerminalManagerOptions> = {}) {
  const root = tempDir(t, 'podplay-terminal-')
  mkdirSync(join(root, 'src'))
  writeFileSync(join(root, 'README.md'), 'hello')
  const terminals = new TerminalManager({
    maxTerminals: 3,
    idleMs: 60_000,
    resolveDirectory: (_userId, _workspaceId, path) => resolve(root, path),
    ...options
  })
  t.teardown(() => terminals.closeAll())
  return { terminals, root }
}

const body = (extra: Record<string, unknown> = {}) => ({ workspace_id: 'w1', cwd: '.', shell: 'sh', cols: 80, rows: 24, ...extra })

t.test('the ring buffer keeps the most recent characters, whole', async (t) => {
  const ring = new RingBuffer(10)
  t.equal(ring.contents(), '')
  ring.push('abc')
  ring.push('defg')
  t.equal(ring.contents(), 'abcdefg')
  ring.push('hijkl')
  t.equal(ring.contents(), 'cdefghijkl')
  ring.push('0123456789ABC')
  t.equal(ring.contents(), '3456789ABC', 'a chunk longer than the buffer keeps its tail')
  const emoji = new RingBuffer(2)
  emoji.push('a😀b')
  t.equal(emoji.contents(), 'b', 'a surrogate pair is dropped whole, never split')
  emoji.push('😀')
  t.equal(emoji.contents(), '😀')
})

t.test('only shells listed in /etc/shells run', async (t) => {
  const dir = tempDir(t)
  const list = join(dir, 'shells')
  writeFileSync(list, '# comment\n/bin/sh\n/bin/bash\n/no/such/shell\n/bin/sh\n')
  const policy = new ShellPolicy(list, '/usr/bin/zsh')
  t.same(policy.allowed, ['/bin/sh', '/bin/bash'], 'listed, existing, once each')
  t.equal(policy.defaultShell, '/bin/bash', 'an unlisted $SHELL falls back to bash')
  t.equal(new ShellPolicy(list, '/bin/sh').defaultShell, '/bin/sh', 'a listed $SHELL is the default')
  t.equal(policy.resolve(undefined), '/bin/bash')
  t.equal(policy.resolve('sh'), '/bin/sh')
  t.equal(policy.resolve('/bin/bash'), '/bin/bash')
  t.throws(() => policy.resolve('/usr/bin/python3'), { code: 'SHELL_NOT_ALLOWED', statusCode: 400, message: /sh, bash/ })
  t.throws(() => policy.resolve('/no/such/shell'), { code: 'SHELL_NOT_ALLOWED' })
  const missingList = new ShellPolicy(join(dir, 'none'), undefined)
  t.ok(missingList.allowed.includes('/bin/sh'), 'without /etc/shells, the standard shells')
  const empty = join(dir, 'empty')
  writeFileSync(empty, '')
  t.equal(new ShellPolicy(empty, undefined).defaultShell, '/bin/sh')
})

t.test('a shell gets the service environment without its secrets', async (t) => {
  const env = shellEnvironment({
    PATH: '/usr/bin', HOME: '/home/me', PODPLAY_ADMIN_TOKEN: 'secret', OPENAI_API_KEY: 'sk', DATABASE_URL: 'postgres://x', GITHUB_TOKEN: 'gh', UNSET: undefined
  })
  t.same(env, { PATH: '/usr/bin', HOME: '/home/me', TERM: 'xterm-256color', COLORTERM: 'truecolor' })
})

t.test('terminals start in the directory asked for, and refuse what is not a directory', async (t) => {
  const { terminals } = manager(t)
  const terminal = await terminals.create(owner, body({ cwd: './src/' }))
  t.equal(terminal.cwd, 'src/')
  const output: string[] = []
  terminals.events.on('output', (event) => output.push(event.output))
  terminals.write(owner, terminal.id, 'pwd\r')
  await eventually(() => output.join('').includes('/src\r\n'), 'pwd prints the directory')
  await t.rejects(terminals.create(owner, body({ cwd: 'README.md' })), { code: 'TERMINAL_CWD_INVALID', statusCode: 400 })
  await t.rejects(terminals.create(owner, body({ cwd: 'missing' })), { code: 'TERMINAL_CWD_INVALID' })
  await t.rejects(terminals.create(owner, body({ shell: 'python3' })), { code: 'SHELL_NOT_ALLOWED' })
  t.equal(terminals.count, 1)
})

t.test('a terminal is visible to its owner and admins; typing needs write', async (t) => {
  const { terminals } = manager(t)
  const terminal = await terminals.create(owner, body())
  t.equal(terminals.get(reader, terminal.id).id, terminal.id)
  t.equal(terminals.get(admin, terminal.id).id, terminal.id)
  t.throws(() => terminals.get(stranger, terminal.id), { code: 'TERMINAL_NOT_FOUND', statusCode: 404 })
  t.throws(() => terminals.write(stranger, terminal.id, 'id\r'), { code: 'TERMINAL_NOT_FOUND' })
  t.throws(() => terminals.write(reader, terminal.id, 'id\r'), { code: 'TERMINAL_READ_ONLY', statusCode: 403 })
  t.throws(() => terminals.resize(reader, terminal.id, 100, 30), { code: 'TERMINAL_READ_ONLY' })
  t.equal(terminals.attach(reader, terminal.id, 'r').read_only, true)
  t.equal(terminals.attach(owner, terminal.id, 'w').read_only, false)
  t.equal(terminals.get(owner, terminal.id).clients, 2)
  terminals.detach(terminal.id, 'r')
  terminals.detach('no-such-terminal', 'r')
  t.equal(terminals.get(owner, terminal.id).clients, 1)
  t.same(terminals.list(stranger, { limit: 20 }), { items: [], next_cursor: null, total: 0 })
})

t.test('lists page with a cursor', async (t) => {
  const { terminals } = manager(t)
  const ids = [(await terminals.create(owner, body())).id, (await terminals.create(owner, body())).id, (await terminals.create(owner, body())).id]
  const first = terminals.list(owner, { limit: 2 })
  t.equal(first.total, 3)
  t.equal(first.items.length, 2)
  t.ok(first.next_cursor)
  const second = terminals.list(owner, { limit: 2, cursor: first.next_cursor! })
  t.equal(second.items.length, 1)
  t.equal(second.next_cursor, null)
  t.same([...first.items, ...second.items].map((item) => item.id).sort(), [...ids].sort())
  t.throws(() => terminals.list(owner, { limit: 2, cursor: 'not-a-cursor' }), { code: 'INVALID_CURSOR', statusCode: 400 })
  t.throws(() => terminals.list(owner, { limit: 2, cursor: Buffer.from('[1,2]').toString('base64url') }), { code: 'INVALID_CURSOR' })
})

t.test('the cap holds under concurrent creation', async (t) => {
  const { terminals } = manager(t, { maxTerminals: 2 })
  const results = await Promise.allSettled([terminals.create(owner, body()), terminals.create(owner, body()), terminals.create(owner, body())])
  t.equal(results.filter((result) => result.status === 'fulfilled').length, 2)
  const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult
  t.match(refused.reason, { code: 'TERMINAL_LIMIT', statusCode: 429, message: /maximum of 2 \(PODPLAY_MAX_TERMINALS\)/ })
})

t.test('a slow client pauses the terminal until every holder releases it', async (t) => {
  const { terminals } = manager(t)
  const terminal = await terminals.create(owner, body())
  terminals.hold(terminal.id, 'slow-a')
  terminals.hold(terminal.id, 'slow-b')
  t.equal(terminals.get(owner, terminal.id).paused, true)
  terminals.release(terminal.id, 'slow-a')
  t.equal(terminals.get(owner, terminal.id).paused, true, 'still held by another client')
  terminals.attach(owner, terminal.id, 'slow-b')
  terminals.detach(terminal.id, 'slow-b')
  t.equal(terminals.get(owner, terminal.id).paused, false, 'a client that leaves lets go')
  terminals.hold('no-such-terminal', 'x')
  terminals.release('no-such-terminal', 'x')
})

t.test('idle terminals are culled; activity keeps one open', async (t) => {
  const { terminals } = manager(t, { idleMs: 400 })
  const idle = await terminals.create(owner, body())
  const busy = await terminals.create(owner, body())
  const keepBusy = setInterval(() => terminals.write(owner, busy.id, ':\r'), 100)
  t.teardown(() => clearInterval(keepBusy))
  const exit = await new Promise<any>((resolve) => terminals.events.on('exit', (event) => { if (event.session_id === idle.id) resolve(event) }))
  t.match(exit, { session_id: idle.id, reason: 'idle' })
  t.notOk(alive(idle.pid), 'the culled shell is gone')
  t.equal(terminals.get(owner, busy.id).id, busy.id, 'a terminal in use stays open')
})

t.test('closing twice waits for the one hang-up', async (t) => {
  const { terminals } = manager(t)
  const terminal = await terminals.create(owner, body())
  const exits: any[] = []
  terminals.events.on('exit', (event) => exits.push(event))
  await Promise.all([terminals.kill(owner, terminal.id), terminals.kill(admin, terminal.id)])
  t.match(exits, [{ session_id: terminal.id, reason: 'killed' }])
  t.notOk(alive(terminal.pid))
})

t.test('closing kills every shell and what it runs', async (t) => {
  const { terminals } = manager(t)
  const first = await terminals.create(owner, body())
  const second = await terminals.create(owner, body({ workspace_id: 'w2' }))
  const output: string[] = []
  terminals.events.on('output', (event) => output.push(event.output))
  // A foreground job and a child that ignores the hang-up signal.
  terminals.write(owner, first.id, 'trap "" HUP; sleep 1000\r')
  terminals.write(owner, second.id, 'sleep 1000 & echo started-$((1+1))\r')
  await eventually(() => output.join('').includes('started-2'), 'the background job started')
  await eventually(() => children(first.pid).length > 0, 'the foreground job started')
  const spawned = [first.pid, second.pid, ...children(first.pid), ...children(second.pid)]

  const exits: any[] = []
  terminals.events.on('exit', (event) => exits.push(event))
  await terminals.closeWorkspace('w2')
  t.match(exits, [{ session_id: second.id, reason: 'killed' }], 'deleting a workspace closes its terminals')
  await terminals.closeAll()
  t.match(exits[1], { session_id: first.id, reason: 'shutdown' })
  t.equal(terminals.count, 0)
  await eventually(() => spawned.every((pid) => !alive(pid)), 'every process is gone', 5000)
  t.pass('no shell or job outlives the service')
})

function children (pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((line) => Number(line.trim())).filter(Boolean)
  } catch {
    return []
  }
}
