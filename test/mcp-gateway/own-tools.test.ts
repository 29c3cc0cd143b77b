import t from 'tap'
import { listen } from '../helper.js'
import { buildWithCatalog, entry } from '../marketplace/fixtures.js'
import { fixtureCommand } from '../mcp-runtime/helpers.js'
import { gatewayClient, notifications } from './helpers.js'

const textOf = (result: unknown) => (result as { content: Array<{ text: string }> }).content[0].text
const json = (result: unknown) => JSON.parse(textOf(result))

t.test('the sanctuary\'s own tools, the same definitions as Mama Bear\'s: search, show, install, run, uninstall, briefing, status', async (t) => {
  const { app, adminToken } = await buildWithCatalog(t, [
    entry('boxed', { packages: [{ registry_type: 'oci', identifier: 'ghcr.io/podplay/boxed', transport: 'stdio', environment_variables: [{ name: 'BOX_KEY', description: 'key', required: true, secret: true }] }] }),
    entry('fixture-stdio', { packages: [], command: fixtureCommand('stdio-server') })
  ])
  const url = await listen(app)
  const { client, streaming } = await gatewayClient(t, url, adminToken)
  const heard = notifications(client)
  await streaming

  const own = (await client.listTools()).tools
  const shared = app.mamaBear.tools.shared
  t.same(own.map((tool) => tool.name), shared.map((tool) => tool.name), 'the gateway offers exactly the tools Mama Bear has')
  t.ok(own.every((tool, index) => tool.description === `[Podplay Sanctuary] ${shared[index].description}` && tool.inputSchema.type === 'object'), 'with the same descriptions')
  for (const name of ['marketplace_search', 'marketplace_server', 'install_server', 'uninstall_server', 'start_server', 'stop_server', 'restart_server', 'server_status', 'daily_briefing', 'system_status']) {
    t.ok(own.some((tool) => tool.name === name), `${name} is one of them`)
  }

  t.match(json(await client.callTool({ name: 'marketplace_search', arguments: { query: 'boxed' } })), { items: [{ name: 'boxed' }] })
  t.match(json(await client.callTool({ name: 'marketplace_server', arguments: { name: 'boxed' } })), { name: 'boxed', install_inputs: { environment_variables: [{ name: 'BOX_KEY', required: true, secret: true }] } })

  const missing = await client.callTool({ name: 'install_server', arguments: { name: 'boxed' } })
  t.match(missing, { isError: true, content: [{ text: /BOX_KEY/ }] }, 'a required value left out is said')
  const installed = await client.callTool({ name: 'install_server', arguments: { name: 'boxed', env: { BOX_KEY: 'hunter2-secret' } } })
  t.equal(installed.isError, false)
  t.notMatch(textOf(installed), /hunter2/, 'the secret is not shown back')
  const row = await app.db.selectFrom('mcp_installs').selectAll().where('server_name', '=', 'boxed').executeTakeFirstOrThrow()
  t.notMatch(`${row.plain_values} ${row.secret_values}`, /hunter2/, 'and it is stored sealed')
  t.equal((await app.marketplace.launchSpec(row.user_id, 'boxed') as { env: Record<string, string> }).env.BOX_KEY, 'hunter2-secret', 'as usual, it opens only to run the server')

  t.equal(json(await client.callTool({ name: 'install_server', arguments: { name: 'fixture-stdio' } })).name, 'fixture-stdio')
  const listChanged = heard.next('notifications/tools/list_changed')
  t.match(json(await client.callTool({ name: 'start_server', arguments: { name: 'fixture-stdio' } })), { name: 'fixture-stdio', state: 'running', pid: Number })
  await listChanged
  t.ok((await client.listTools()).tools.some((tool) => tool.name === 'fixture-stdio__echo'), 'a server started by a tool shows up in the session')
  t.equal(json(await client.callTool({ name: 'server_status', arguments: { name: 'fixture-stdio' } })).state, 'running')
  t.equal(json(await client.callTool({ name: 'restart_server', arguments: { name: 'fixture-stdio' } })).state, 'running')
  t.equal(json(await client.callTool({ name: 'stop_server', arguments: { name: 'fixture-stdio' } })).state, 'stopped')
  t.match(json(await client.callTool({ name: 'installed_servers', arguments: {} })), { items: [{ name: 'boxed' }, { name: 'fixture-stdio', state: 'stopped' }] })
  t.same(json(await client.callTool({ name: 'uninstall_server', arguments: { name: 'boxed' } })), { name: 'boxed', uninstalled: true })
  t.match(await client.callTool({ name: 'uninstall_server', arguments: { name: 'boxed' } }), { isError: true, content: [{ text: /not installed/ }] })
  t.match(await client.callTool({ name: 'start_server', arguments: { name: '../etc' } }), { isError: true, content: [{ text: /Invalid arguments: \/name/ }] })

  t.match(json(await client.callTool({ name: 'daily_briefing', arguments: {} })), { date: /^\d{4}-\d{2}-\d{2}$/, content: /./ })
  t.match(json(await client.callTool({ name: 'system_status', arguments: {} })), { services: { 'mcp-gateway': 'up' } })
})
