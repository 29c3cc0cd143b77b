import { execFile, spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { projectRoot } from '../../plugins/config.js'
import { tempDir } from '../helper.js'
import { loaderEnv, typescriptArgs } from '../typescript-child.js'
import { readmeScript, type Command } from './script.js'

const everythingFixture = fileURLToPath(new URL('./fixtures/everything-server.mjs', import.meta.url))

/**
 * The bundled catalog with one change: `everything` runs a local stand-in, because npx cannot fetch
 * @modelcontextprotocol/server-everything without network. Every other entry is as shipped.
 */
function offlineCatalog (dir: string): string {
  const catalog = JSON.parse(readFileSync(join(projectRoot, 'data', 'mcp_servers.json'), 'utf8')) as { servers: Array<Record<string, unknown>> }
  const everything = catalog.servers.find((server) => server.name === 'everything')!
  delete everything.packages
  everything.command = { command: process.execPath, args: [everythingFixture] }
  const file = join(dir, 'offline-catalog.json')
  writeFileSync(file, JSON.stringify(catalog))
  return file
}

/** A page of the official registry's list API, served locally in its wire format. */
async function registryFixture (t: Test): Promise<string> {
  const page = {
    servers: [{
      server: {
        name: 'io.github.podplay-readme/notes',
        description: 'Keeps notes for the README test',
        version: '1.0.0',
        packages: [{ registryType: 'npm', identifier: '@podplay-readme/notes', version: '1.0.0', transport: { type: 'stdio' } }]
      },
      _meta: { 'io.modelcontextprotocol.registry/official': { status: 'active', publishedAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', isLatest: true } }
    }],
    metadata: { count: 1 }
  }
  const server = createServer((request, response) => {
    const found = new URL(request.url ?? '/', 'http://registry').pathname === '/v0.1/servers'
    response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(found ? page : { error: 'not found' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => server.close())
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** `npm start` on the embedded defaults, in a fresh folder: resolves the URL it listens on. */
function startServer (t: Test, cwd: string, env: Record<string, string>): { url: Promise<string>, output: () => string } {
  const child = spawn(process.execPath, typescriptArgs('server.ts'), {
    cwd,
    env: { ...loaderEnv(), PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const exited = new Promise((resolve) => child.once('exit', resolve))
  t.teardown(async () => {
    child.kill('SIGTERM')
    await exited
  })
  const url = new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      // Ready once it listens and has printed its first-start token (the README reads its file).
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (listening && output.includes('generated an admin token')) resolve(listening[1])
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.once('exit', () => reject(new Error(`the server exited:\n${output}`)))
  })
  return { url, output: () => output }
}

function quoted (word: string): string {
  return `'${word.replace(/'/g, "'\\''")}'`
}

// A whole newcomer's session, from the first start to the last block: more than tap's usual 120 s
// per file on a loaded machine.
t.setTimeout(360_000)

t.test('every shell block of the README, pasted in order into one bash, works on a fresh start', async (t) => {
  const dir = tempDir(t, 'podplay-readme-')
  // The folder a newcomer pastes into looks like the project's: it has a data/ folder.
  mkdirSync(join(dir, 'data'))
  const env = { PODPLAY_CATALOG: offlineCatalog(dir), PODPLAY_MAX_EVENT_LOOP_DELAY_MS: '0' }
  const server = startServer(t, dir, { ...env, PORT: '0' })
  const [url, registry] = await Promise.all([server.url, registryFixture(t)])
  const port = new URL(url).port

  const script = readmeScript(readFileSync(join(projectRoot, 'README.md'), 'utf8'), [
    ['127.0.0.1:3000', `127.0.0.1:${port}`],
    ['localhost:3000', `localhost:${port}`],
    // The command line under this test's own loader, so its coverage counts (see typescript-child.ts).
    ['node dist/cli.js', [process.execPath, ...typescriptArgs('cli.ts')].map(quoted).join(' ')],
    ['https://registry.modelcontextprotocol.io', registry]
  ])
  const scriptFile = join(dir, 'readme.sh')
  const statusLog = join(dir, 'status.log')
  writeFileSync(scriptFile, script.text)
  writeFileSync(statusLog, '')

  const run = await new Promise<{ code: number | null, stdout: string, stderr: string }>((resolve) => {
    execFile('bash', [scriptFile], {
      cwd: dir,
      env: { ...loaderEnv(), PATH: process.env.PATH, HOME: process.env.HOME, README_STATUS_LOG: statusLog, ...env },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024
    }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }))
  })

  const commandAt = (readmeLine: number | undefined): Command | undefined =>
    script.commands.find((command) => command.lines.some((line) => line.readmeLine === readmeLine))
  const describe = (command: Command | undefined) => command ? `README line ${command.lines[0].readmeLine}: ${command.lines.map((line) => line.text).join(' ')}` : 'a line outside the README'
  const answered = new Set<Command>()
  const problems: string[] = []
  for (const entry of readFileSync(statusLog, 'utf8').trim().split('\n').filter(Boolean)) {
    const [kind, line, status] = entry.split(' ')
    const command = commandAt(script.readmeLineOf(Number(line)))
    if (kind === 'fail') {
      problems.push(`${describe(command)} failed with exit code ${status}`)
      continue
    }
    if (command) answered.add(command)
    const ok = command?.expect !== undefined ? Number(status) === command.expect : /^2\d\d$/.test(status)
    if (!ok) problems.push(`${describe(command)} answered ${status}${command?.expect ? ` (expected ${command.expect})` : ''}`)
  }
  for (const command of script.commands.filter((candidate) => candidate.usesCurl && !answered.has(candidate))) {
    problems.push(`${describe(command)} never ran`)
  }
  const context = `\n--- bash stderr ---\n${run.stderr.slice(-4000)}\n--- server ---\n${server.output().slice(-4000)}`
  t.same(problems, [], `every command worked${problems.length ? context : ''}`)
  t.equal(run.code, 0, 'bash finished')
  t.ok(script.commands.filter((command) => command.usesCurl).length > 20, 'the README\'s curl commands were found')
})
