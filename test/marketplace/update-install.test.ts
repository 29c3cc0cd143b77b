import t from 'tap'
import { listen, once, socketClient, tokenFor } from '../helper.js'
import { buildWithCatalog, entry } from './fixtures.js'

const SECRET = 'sk-update-test-secret-0123456789'

const tokened = entry('tokened', {
  packages: [{
    registry_type: 'npm',
    identifier: '@podplay-test/tokened',
    version: '1.0.0',
    transport: 'stdio',
    environment_variables: [
      { name: 'API_TOKEN', description: 'the token', required: true, secret: true },
      { name: 'REGION', description: 'where', required: false, secret: false }
    ],
    package_arguments: [{ name: '--mode', description: 'how', required: false }]
  }]
})

t.test('an install\'s values change in place: named ones replaced or removed, the others (secrets too) kept', async (t) => {
  const { app, auth } = await buildWithCatalog(t, [tokened])
  const alice = await tokenFor(app, 'alice', ['read', 'write'])
  const aliceId = (await app.tokens.verify(alice))!.userId
  const update = (payload: unknown, token = alice, name = 'tokened') => app.inject({ method: 'PATCH', url: `/api/mcp/installed/${name}`, headers: auth(token), payload: payload as object })

  t.equal((await update({ auto_restart: true })).statusCode, 404, 'nothing to update before the install')
  t.equal((await app.inject({ method: 'POST', url: '/api/mcp/servers/tokened/install', headers: auth(alice), payload: { env: { API_TOKEN: SECRET, REGION: 'eu' } } })).statusCode, 201)

  const url = await listen(app)
  const socket = socketClient(t, url, alice)
  await once(socket, 'connected')
  const announced = once<{ name: string, state: string }>(socket, 'mcp_server_status')

  const changed = await update({ env: { REGION: 'us' }, arguments: { '--mode': 'fast' }, auto_restart: true })
  t.equal(changed.statusCode, 200, changed.payload)
  t.match(changed.json(), { env: { REGION: 'us' }, arguments: { '--mode': 'fast' }, auto_restart: true, secrets_set: ['API_TOKEN'] })
  t.notOk(changed.payload.includes(SECRET), 'the secret is never shown')
  t.match(await announced, { name: 'tokened', state: 'updated' })
  t.match(await app.marketplace.launchSpec(aliceId, 'tokened'), {
    args: ['-y', '@podplay-test/tokened@1.0.0', '--mode=fast'],
    env: { API_TOKEN: SECRET, REGION: 'us' }
  }, 'the secret set at install still launches')

  const removed = await update({ env: { REGION: null } })
  t.same(removed.json().env, {}, 'null removes a value')
  const newSecret = await update({ env: { API_TOKEN: 'sk-replaced' } })
  t.equal(newSecret.statusCode, 200)
  t.match(await app.marketplace.launchSpec(aliceId, 'tokened'), { env: { API_TOKEN: 'sk-replaced' } })

  const withoutRequired = await update({ env: { API_TOKEN: null } })
  t.equal(withoutRequired.statusCode, 400)
  t.match(withoutRequired.json().message, /tokened needs values for: API_TOKEN \(environment variable\)/)
  const unknown = await update({ env: { NOPE: '1' } })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.json().message, /has no environment variable NOPE/)
  t.equal((await update({})).statusCode, 400, 'an empty change is refused')

  const bob = await tokenFor(app, 'bob', ['read', 'write'])
  t.equal((await update({ auto_restart: false }, bob)).statusCode, 404, 'another user\'s install is not there for bob')
  const reader = await tokenFor(app, 'carol', ['read'])
  t.equal((await update({ auto_restart: false }, reader)).statusCode, 403, 'updating needs the write scope')
})
