import { symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { tokenFor } from '../helper.js'
import { alive, terminalSetup } from './fixtures.js'

t.test('opening a terminal needs the admin scope and a valid body', async (t) => {
  const { app, auth, open } = await terminalSetup(t)
  const writer = await tokenFor(app, 'admin', ['read', 'write'])
  const refused = await open({}, writer)
  t.equal(refused.statusCode, 403)
  t.equal(refused.json().code, 'AUTH_SCOPE')

  const tooNarrow = await open({ cols: 1 })
  t.equal(tooNarrow.statusCode, 400)
  t.equal(tooNarrow.json().message, 'body/cols must be >= 2')
  t.equal((await open({ command: 'rm -rf /' })).statusCode, 400, 'unknown fields are refused')
  const noWorkspace = await app.inject({ method: 'POST', url: '/api/terminals', headers: auth(), payload: { shell: 'sh' } })
  t.equal(noWorkspace.statusCode, 400)
  t.match(noWorkspace.json().message, /workspace_id/)

  const shell = await open({ shell: '/usr/bin/python3' })
  t.equal(shell.statusCode, 400)
  t.equal(shell.json().code, 'SHELL_NOT_ALLOWED')
  t.equal(app.terminals.count, 0)
})

t.test('the start directory must be a directory inside the workspace', async (t) => {
  const { app, open, userId, workspaceId } = await terminalSetup(t)
  const directory = await app.workspaces.directory(userId, workspaceId)
  writeFileSync(join(directory, 'notes.txt'), 'not a folder')
  symlinkSync('/etc', join(directory, 'escape'))

  const cases: Array<[string, number, string]> = [
    ['../..', 400, 'WORKSPACE_PATH_INVALID'],
    ['/etc', 400, 'WORKSPACE_PATH_INVALID'],
    ['a\0b', 400, 'WORKSPACE_PATH_INVALID'],
    ['escape', 403, 'WORKSPACE_PATH_OUTSIDE'],
    ['notes.txt', 400, 'TERMINAL_CWD_INVALID'],
    ['no/such/folder', 400, 'TERMINAL_CWD_INVALID']
  ]
  for (const [cwd, status, code] of cases) {
    const response = await open({ cwd })
    t.equal(response.statusCode, status, `cwd ${JSON.stringify(cwd)} → ${status}`)
    t.equal(response.json().code, code)
  }
  const strangersWorkspace = await app.workspaces.create((await app.tokens.ensureUser('zoe')).id, 'theirs')
  const foreign = await open({ workspace_id: strangersWorkspace.id })
  t.equal(foreign.statusCode, 404, "another user's workspace is not found")
  t.equal(app.terminals.count, 0)
})

t.test('open, list, get and close terminals', async (t) => {
  const { app, auth, open, openId } = await terminalSetup(t)
  const created = await open({ cols: 120, rows: 40 })
  t.equal(created.statusCode, 201)
  const terminal = created.json()
  t.match(terminal, { workspace_id: String, shell: '/bin/sh', cwd: '.', cols: 120, rows: 40, clients: 0, paused: false })
  t.ok(alive(terminal.pid), 'a real process')
  const second = await openId()

  const list = await app.inject({ method: 'GET', url: '/api/terminals?limit=1', headers: auth() })
  t.equal(list.statusCode, 200)
  t.equal(list.json().total, 2)
  t.equal(list.json().items.length, 1)
  const rest = await app.inject({ method: 'GET', url: `/api/terminals?limit=1&cursor=${list.json().next_cursor}`, headers: auth() })
  t.same([list.json().items[0].id, rest.json().items[0].id].sort(), [terminal.id, second].sort())
  t.equal(rest.json().next_cursor, null)
  t.equal((await app.inject({ method: 'GET', url: '/api/terminals?cursor=bogus', headers: auth() })).json().code, 'INVALID_CURSOR')

  const reader = await tokenFor(app, 'admin', ['read'])
  const got = await app.inject({ method: 'GET', url: `/api/terminals/${terminal.id}`, headers: auth(reader) })
  t.equal(got.statusCode, 200)
  t.equal(got.json().id, terminal.id)
  const stranger = await tokenFor(app, 'zoe', ['read', 'write'])
  t.equal((await app.inject({ method: 'GET', url: `/api/terminals/${terminal.id}`, headers: auth(stranger) })).statusCode, 404)
  t.equal((await app.inject({ method: 'GET', url: '/api/terminals', headers: auth(stranger) })).json().total, 0)
  t.equal((await app.inject({ method: 'DELETE', url: `/api/terminals/${terminal.id}`, headers: auth(stranger) })).statusCode, 404)
  t.equal((await app.inject({ method: 'DELETE', url: `/api/terminals/${terminal.id}`, headers: auth(reader) })).statusCode, 403)

  const closed = await app.inject({ method: 'DELETE', url: `/api/terminals/${terminal.id}`, headers: auth() })
  t.equal(closed.statusCode, 204)
  t.notOk(alive(terminal.pid), 'the shell is gone when DELETE answers')
  const gone = await app.inject({ method: 'GET', url: `/api/terminals/${terminal.id}`, headers: auth() })
  t.equal(gone.statusCode, 404)
  t.equal(gone.json().code, 'TERMINAL_NOT_FOUND')
  t.equal((await app.inject({ method: 'DELETE', url: `/api/terminals/${terminal.id}`, headers: auth() })).statusCode, 404)
})
