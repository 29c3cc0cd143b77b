import t from 'tap'
import { fixtureCommand, supervise } from './helpers.js'

t.test('paged tool lists, a schema that cannot be compiled, structured results', async (t) => {
  const { supervisor } = supervise(t, { transport: 'stdio', ...fixtureCommand('raw-server'), env: {} })
  await supervisor.start()
  const connection = supervisor.live()
  t.same((await connection.listTools()).map((tool) => tool.name), ['measure', 'odd'], 'both pages')

  t.same(await connection.callTool('measure', { text: 'four' }), {
    content: [{ type: 'text', text: '4 characters' }],
    is_error: false,
    structured_content: { length: 4 }
  })
  await t.rejects(connection.callTool('measure', {}), { statusCode: 400, code: 'MCP_INVALID_ARGUMENTS' })

  t.equal((await connection.callTool('odd', { n: 'anything' })).content[0].text, 'odd got {"n":"anything"}', 'passed unchecked')
  t.ok(supervisor.log.tail(100).some((line) => line.stream === 'runtime' && /input schema of tool odd cannot be compiled/.test(line.text)))
})

t.test('a server without tools answers tools/list with an error: 502', async (t) => {
  const { command, args } = fixtureCommand('raw-server')
  const { supervisor } = supervise(t, { transport: 'stdio', command, args: [...args, '--no-tools'], env: {} })
  await supervisor.start()
  await t.rejects(supervisor.live().listTools(), { statusCode: 502, code: 'MCP_CALL_FAILED', message: /answered with an error: .*Method not found/ })
  await t.rejects(supervisor.live().callTool('any', {}), { statusCode: 502, code: 'MCP_CALL_FAILED' }, 'the failed list is not cached')
})

t.test('a launch that fails (not installed, not installable) is passed on as it is', async (t) => {
  const gone = Object.assign(new Error('You have not installed the MCP server fixture'), { statusCode: 404 })
  const { supervisor, watcher } = supervise(t, { transport: 'stdio', command: 'unused', args: [], env: {} }, { launch: async () => { throw gone } })
  await t.rejects(supervisor.start(), gone)
  t.equal(supervisor.wanted, false)
  t.equal(supervisor.status().state, 'stopped', 'nothing ran')
  t.same(watcher.seen, [])
})
