import { execFile } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { appendFile, writeFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t, { type Test } from 'tap'
import type { Socket } from 'socket.io-client'
import { listen, once, socketClient, tokenFor } from '../helper.js'
import { withWorkspace } from './setup.js'

interface Change { workspace_id: string, type: string, path: string, size?: number, mtime?: string }

/** Resolves with the first workspace_change matching `match`; every change is also kept in `seen`. */
function changes (socket: Socket) {
  const seen: Change[] = []
  const waiters: Array<{ match: (change: Change) => boolean, resolve: (change: Change) => void }> = []
  socket.on('workspace_change', (change: Change) => {
    seen.push(change)
    for (const waiter of waiters.filter((w) => w.match(change))) {
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve(change)
    }
  })
  return {
    seen,
    next: (match: (change: Change) => boolean) => new Promise<Change>((resolve) => waiters.push({ match, resolve }))
  }
}

async function subscribed (t: Test, url: string, token: string, workspaceId: string) {
  const socket = socketClient(t, url, token)
  await once(socket, 'connected')
  const confirmation = once(socket, 'workspace_subscribed')
  t.same(await socket.emitWithAck('workspace_subscribe', { workspace_id: workspaceId }), { ok: true })
  t.same(await confirmation, { workspace_id: workspaceId })
  return socket
}

t.test('changes from other processes, the API and the shell arrive as workspace_change', async (t) => {
  const { app, adminToken, id, directory, call } = await withWorkspace(t)
  const url = await listen(app)
  t.equal(app.health.gauge('active_workspaces'), 0, 'nothing is watched before a subscriber')
  const socket = await subscribed(t, url, adminToken, id)
  const live = changes(socket)
  t.equal(app.health.gauge('active_workspaces'), 1)

  const added = live.next((c) => c.path === 'notes.md')
  await writeFile(join(directory, 'notes.md'), 'written by another process')
  const change = await added
  t.match(change, { workspace_id: id, type: 'add', path: 'notes.md', size: 26 })
  t.ok(Date.parse(change.mtime!))
  t.same(Object.keys(change).sort(), ['mtime', 'path', 'size', 'type', 'workspace_id'], 'never contents, never the owner')

  mkdirSync(join(directory, 'sub'))
  const fromShell = live.next((c) => c.path === 'sub/f.txt')
  await promisify(execFile)('sh', ['-c', 'echo x > sub/f.txt'], { cwd: directory })
  t.match(await fromShell, { type: 'add', path: 'sub/f.txt', size: 2 })

  const fromApi = live.next((c) => c.path === 'api.txt')
  await call('PUT', '/files?path=api.txt', { content: 'hello' })
  t.match(await fromApi, { type: 'add', path: 'api.txt', size: 5 })
  t.notOk(live.seen.some((c) => c.path.includes('podplay-tmp')), 'the temporary file of an atomic write is not reported')

  const changed = live.next((c) => c.path === 'api.txt')
  await call('PUT', '/files?path=api.txt', { content: 'hello again' })
  t.match(await changed, { path: 'api.txt', size: 11 })

  const removed = live.next((c) => c.path === 'notes.md')
  await rm(join(directory, 'notes.md'))
  t.same(await removed, { workspace_id: id, type: 'unlink', path: 'notes.md' })

  const gitConfig = live.next((c) => c.path === '.git/config')
  mkdirSync(join(directory, '.git', 'objects'), { recursive: true })
  mkdirSync(join(directory, 'node_modules'))
  await writeFile(join(directory, 'node_modules', 'dep.js'), 'ignored')
  await writeFile(join(directory, '.git', 'objects', 'ab'), 'ignored')
  await writeFile(join(directory, '.git', 'config'), '[core]\n')
  t.match(await gitConfig, { type: 'add', path: '.git/config' })
  t.notOk(live.seen.some((c) => c.path.startsWith('node_modules/') || c.path.startsWith('.git/objects')), 'node_modules and .git internals are not watched')
})

t.test('changes to one path within the window arrive once', async (t) => {
  const { app, adminToken, id, directory } = await withWorkspace(t, { PODPLAY_WORKSPACE_CHANGE_WINDOW_MS: '1000' })
  const url = await listen(app)
  const socket = await subscribed(t, url, adminToken, id)
  const live = changes(socket)

  const log = join(directory, 'build.log')
  const settled = live.next((c) => c.path === 'build.log')
  await writeFile(log, 'line 0\n')
  for (let line = 1; line <= 5; line++) await appendFile(log, `line ${line}\n`)
  t.match(await settled, { type: 'add', size: 42 }, 'created then appended to: one add with the final size')

  // A later change to another path proves nothing more about build.log was pending.
  const marker = live.next((c) => c.path === 'marker')
  await writeFile(join(directory, 'marker'), 'm')
  await marker
  t.equal(live.seen.filter((c) => c.path === 'build.log').length, 1)

  const flicker = live.next((c) => c.path === 'after-flicker')
  await writeFile(join(directory, 'temp'), 'x')
  await rm(join(directory, 'temp'))
  await writeFile(join(directory, 'after-flicker'), 'x')
  // temp's window opened first, so it has closed by the time after-flicker arrives.
  await flicker
  t.notOk(live.seen.some((c) => c.path === 'temp'), 'a file added and removed within the window is never reported')
})

t.test('only the owner can subscribe; watchers are released after the last subscriber leaves', async (t) => {
  const { app, adminToken, id, call } = await withWorkspace(t)
  const url = await listen(app)

  const eve = socketClient(t, url, await tokenFor(app, 'eve', ['read']))
  await once(eve, 'connected')
  const refused = await eve.emitWithAck('workspace_subscribe', { workspace_id: id })
  t.match(refused, { error: { code: 'WORKSPACE_NOT_FOUND', event: 'workspace_subscribe' } })
  t.equal(app.health.gauge('active_workspaces'), 0, 'a refused subscription starts no watcher')
  const invalid = await eve.emitWithAck('workspace_subscribe', { workspace: id })
  t.match(invalid, { error: { code: 'INVALID_PAYLOAD' } })

  const first = await subscribed(t, url, adminToken, id)
  const second = await subscribed(t, url, adminToken, id)
  t.equal(app.health.gauge('active_workspaces'), 1, 'one watcher per workspace, however many subscribers')
  t.ok(app.workspaces.isWatched(id))

  const left = once(first, 'workspace_unsubscribed')
  t.same(await first.emitWithAck('workspace_unsubscribe', { workspace_id: id }), { ok: true })
  t.same(await left, { workspace_id: id })
  t.ok(app.workspaces.isWatched(id), 'still watched while a subscriber remains')

  const serverSide = app.io.sockets.sockets.get(second.id!)!
  const gone = new Promise((resolve) => serverSide.once('disconnect', resolve))
  second.disconnect()
  await gone
  t.notOk(app.workspaces.isWatched(id), 'released when the last subscriber disconnects')
  t.equal(app.health.gauge('active_workspaces'), 0)

  // Subscribed again, then the workspace is deleted: the watcher closes and the room empties.
  const third = await subscribed(t, url, adminToken, id)
  t.ok(app.workspaces.isWatched(id))
  t.equal((await call('DELETE', '')).statusCode, 204)
  t.notOk(app.workspaces.isWatched(id))
  t.equal(app.io.sockets.adapter.rooms.get(`workspace_${id}`)?.size ?? 0, 0)
  t.match(await third.emitWithAck('workspace_subscribe', { workspace_id: id }), { error: { code: 'WORKSPACE_NOT_FOUND' } })

  const status = await app.systemStatus()
  t.equal(status.system.active_workspaces, 0)
})

t.test('closing the app closes every watcher', async (t) => {
  const { app, adminToken, id } = await withWorkspace(t)
  const url = await listen(app)
  await subscribed(t, url, adminToken, id)
  t.equal(app.workspaces.watchedCount, 1)
  await app.close()
  t.equal(app.workspaces.watchedCount, 0)
})
