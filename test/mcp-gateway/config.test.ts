import t from 'tap'
import { build, tokenFor } from '../helper.js'

t.test('the snippet that points each client at the gateway', async (t) => {
  const { app, auth } = await build(t, { PODPLAY_ALLOWED_HOSTS: 'sanctuary.example' })
  const config = async (query: string, token?: string) => await app.inject({ method: 'GET', url: `/api/mcp/gateway/config?${query}`, headers: { ...auth(token), host: '127.0.0.1:3000' } })

  const desktop = (await config('client=claude-desktop')).json()
  t.same(desktop.config, {
    mcpServers: {
      'podplay-sanctuary': {
        command: 'npx',
        // eslint-disable-next-line no-template-curly-in-string -- what mcp-remote fills in
        args: ['-y', 'mcp-remote', 'http://127.0.0.1:3000/mcp', '--header', 'Authorization:${AUTH_HEADER}'],
        env: { AUTH_HEADER: 'Bearer <PODPLAY_TOKEN>' }
      }
    }
  }, 'Claude Desktop: mcp-remote bridging to stdio, the header from env')
  t.match(desktop, { client: 'claude-desktop', url: 'http://127.0.0.1:3000/mcp', file: /claude_desktop_config\.json/, command: null, notes: [/<PODPLAY_TOKEN>/] })

  const code = (await config('client=claude-code&tools=search')).json()
  // eslint-disable-next-line no-template-curly-in-string -- Claude Code expands it
  t.same(code.config, { mcpServers: { 'podplay-sanctuary': { type: 'http', url: 'http://127.0.0.1:3000/mcp?tools=search', headers: { Authorization: 'Bearer ${PODPLAY_TOKEN}' } } } })
  t.equal(code.command, "claude mcp add --transport http podplay-sanctuary 'http://127.0.0.1:3000/mcp?tools=search' --header \"Authorization: Bearer $PODPLAY_TOKEN\"")

  const vscode = (await config('client=vscode')).json()
  t.same(vscode.config, {
    inputs: [{ type: 'promptString', id: 'podplay-token', description: 'Podplay Sanctuary token', password: true }],
    // eslint-disable-next-line no-template-curly-in-string -- VS Code asks for it
    servers: { 'podplay-sanctuary': { type: 'http', url: 'http://127.0.0.1:3000/mcp', headers: { Authorization: 'Bearer ${input:podplay-token}' } } }
  })
  // eslint-disable-next-line no-template-curly-in-string -- Cursor reads it from its environment
  t.same((await config('client=cursor')).json().config, { mcpServers: { 'podplay-sanctuary': { url: 'http://127.0.0.1:3000/mcp', headers: { Authorization: 'Bearer ${env:PODPLAY_TOKEN}' } } } })

  const reader = await tokenFor(app, 'reader', ['read'])
  await app.inject({ method: 'POST', url: '/api/mcp/gateway/profiles', headers: auth(await tokenFor(app, 'reader', ['write'])), payload: { name: 'docs', servers: [] } })
  const withToken = (await config('client=cursor&profile=docs&include_token=true', reader)).json()
  t.same(withToken.config, { mcpServers: { 'podplay-sanctuary-docs': { url: 'http://127.0.0.1:3000/mcp?profile=docs', headers: { Authorization: `Bearer ${reader}` } } } }, 'a profile and, when asked, the token this request used')
  t.match(withToken.notes, [/carries your token/])
  const vscodeWithToken = (await config('client=vscode&include_token=true', reader)).json()
  t.notOk('inputs' in vscodeWithToken.config, 'nothing to prompt for')
  t.match((await config('client=claude-code&include_token=true', reader)).json().command, `--header "Authorization: Bearer ${reader}"`)

  const remote = await app.inject({ method: 'GET', url: '/api/mcp/gateway/config?client=claude-desktop', headers: { ...auth(), host: 'localhost:8080' } })
  t.equal(remote.json().url, 'http://localhost:8080/mcp', 'the URL is the one this request reached')
  const lan = await app.inject({ method: 'GET', url: '/api/mcp/gateway/config?client=claude-desktop', headers: { ...auth(), host: 'sanctuary.example' } })
  t.same(lan.json().config.mcpServers['podplay-sanctuary'].args.slice(2), ['http://sanctuary.example/mcp', '--header', 'Authorization:${AUTH_HEADER}', '--allow-http'], 'mcp-remote is told plain HTTP beyond loopback is meant') // eslint-disable-line no-template-curly-in-string
  t.equal((await config('client=claude-desktop&profile=nope')).json().code, 'GATEWAY_PROFILE_NOT_FOUND')
  t.equal((await config('client=emacs')).statusCode, 400)
})
