import { existsSync } from 'node:fs'
import t from 'tap'
import { build, tokenFor } from '../helper.js'
import { functionalEnv } from './setup.js'

t.test('create, list with paging, and delete workspaces', async (t) => {
  const { app, auth, dataDir } = await build(t, functionalEnv)
  const names = ['alpha', 'beta', 'gamma']
  const ids: string[] = []
  for (const name of names) {
    const created = await app.inject({ method: 'POST', url: '/api/workspaces', headers: auth(), payload: { name } })
    t.equal(created.statusCode, 201)
    t.equal(created.json().name, name)
    t.ok(Date.parse(created.json().created_at))
    ids.push(created.json().id)
  }
  const again = await app.inject({ method: 'POST', url: '/api/workspaces', headers: auth(), payload: { name: 'alpha' } })
  t.equal(again.statusCode, 409)
  t.equal(again.json().code, 'WORKSPACE_EXISTS')

  const badName = await app.inject({ method: 'POST', url: '/api/workspaces', headers: auth(), payload: { name: 'a\nb' } })
  t.equal(badName.statusCode, 400)

  const first = await app.inject({ method: 'GET', url: '/api/workspaces?limit=2', headers: auth() })
  t.equal(first.statusCode, 200)
  t.equal(first.json().total, 3)
  t.same(first.json().items.map((w: { name: string }) => w.name), ['alpha', 'beta'])
  const cursor = first.json().next_cursor
  t.type(cursor, 'string')
  const second = await app.inject({ method: 'GET', url: `/api/workspaces?limit=2&cursor=${cursor}`, headers: auth() })
  t.same(second.json().items.map((w: { name: string }) => w.name), ['gamma'])
  t.equal(second.json().next_cursor, null)

  for (const cursor of ['nonsense', Buffer.from('[1,2]').toString('base64url')]) {
    const bad = await app.inject({ method: 'GET', url: `/api/workspaces?cursor=${cursor}`, headers: auth() })
    t.equal(bad.statusCode, 400)
    t.equal(bad.json().code, 'INVALID_CURSOR')
  }

  t.ok(existsSync(`${dataDir}/workspaces/${ids[0]}`), 'the folder lives under the data dir')
  const removed = await app.inject({ method: 'DELETE', url: `/api/workspaces/${ids[0]}`, headers: auth() })
  t.equal(removed.statusCode, 204)
  t.notOk(existsSync(`${dataDir}/workspaces/${ids[0]}`), 'its folder is gone')
  const gone = await app.inject({ method: 'DELETE', url: `/api/workspaces/${ids[0]}`, headers: auth() })
  t.equal(gone.statusCode, 404)
  t.equal(gone.json().code, 'WORKSPACE_NOT_FOUND')
})

t.test('another user\'s workspace answers 404 everywhere', async (t) => {
  const { app, auth } = await build(t, functionalEnv)
  const created = await app.inject({ method: 'POST', url: '/api/workspaces', headers: auth(), payload: { name: 'private' } })
  const id = created.json().id
  await app.inject({ method: 'PUT', url: `/api/workspaces/${id}/files?path=secret.txt`, headers: auth(), payload: { content: 'mine' } })

  const eve = await tokenFor(app, 'eve', ['read', 'write'])
  const list = await app.inject({ method: 'GET', url: '/api/workspaces', headers: auth(eve) })
  t.same(list.json(), { items: [], next_cursor: null, total: 0 })
  const sameName = await app.inject({ method: 'POST', url: '/api/workspaces', headers: auth(eve), payload: { name: 'private' } })
  t.equal(sameName.statusCode, 201, 'names are unique per owner only')

  const attempts: Array<[string, string, unknown?]> = [
    ['GET', `/api/workspaces/${id}/files?path=secret.txt`],
    ['PUT', `/api/workspaces/${id}/files?path=secret.txt`, { content: 'theirs' }],
    ['DELETE', `/api/workspaces/${id}/files?path=secret.txt`],
    ['POST', `/api/workspaces/${id}/files/move`, { from: 'secret.txt', to: 'stolen.txt' }],
    ['GET', `/api/workspaces/${id}/tree`],
    ['GET', `/api/workspaces/${id}/search?q=mine`],
    ['DELETE', `/api/workspaces/${id}`]
  ]
  for (const [method, url, payload] of attempts) {
    const response = await app.inject({ method: method as 'GET', url, headers: auth(eve), ...(payload ? { payload: payload as object } : {}) })
    t.equal(response.statusCode, 404, `${method} ${url}`)
    t.equal(response.json().code, 'WORKSPACE_NOT_FOUND')
  }
  const owner = await app.tokens.verify(eve)
  const refused = await app.workspaces.resolve(owner!.userId, id, 'secret.txt').catch((error: { statusCode: number }) => error)
  t.match(refused, { statusCode: 404, code: 'WORKSPACE_NOT_FOUND' })

  const reader = await tokenFor(app, 'reader', ['read'])
  const denied = await app.inject({ method: 'POST', url: '/api/workspaces', headers: auth(reader), payload: { name: 'x' } })
  t.equal(denied.statusCode, 403, 'creating needs the write scope')

  const still = await app.inject({ method: 'GET', url: `/api/workspaces/${id}/files?path=secret.txt`, headers: auth() })
  t.equal(still.json().content, 'mine')
})
