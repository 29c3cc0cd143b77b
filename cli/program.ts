import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { SingleBar, Presets } from 'cli-progress'
import { ConfigError, loadConfig } from '../plugins/config.js'
import { openDatabase } from '../plugins/db.js'
import { TokenStore } from '../services/auth/tokens.js'
import { allScopes, type Scope } from '../schemas/auth.js'
import { catalogJsonSchema } from '../schemas/catalog.js'
import { describeReport, importCatalogFile } from '../services/marketplace/import-file.js'

/** Where the command line reads its configuration and writes its output: the process, or a test. */
export interface CliIo {
  env: NodeJS.ProcessEnv
  stdout: Writable
  stderr: Writable
}

/** Entries from which `catalog import` shows a progress bar. */
const PROGRESS_BAR_FROM = 500

function parseScopes (value: string): Scope[] {
  const scopes = value.split(',').map((scope) => scope.trim())
  const unknown = scopes.filter((scope) => !allScopes.includes(scope as Scope))
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown scope ${unknown.join(', ')}; use ${allScopes.join(', ')}`)
  return scopes as Scope[]
}

/** Offline administration: works on the database directly, with the server stopped or running. */
function createProgram ({ env, stdout, stderr }: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('podplay')
    .description('Podplay Sanctuary administration')
    .exitOverride()
    .configureOutput({ writeOut: (text) => stdout.write(text), writeErr: (text) => stderr.write(text) })

  async function withTokens<T> (work: (tokens: TokenStore) => Promise<T>): Promise<T> {
    const { db } = await openDatabase(loadConfig(env).database)
    try {
      return await work(new TokenStore(db))
    } finally {
      await db.destroy()
    }
  }

  const token = program.command('token').description('manage API tokens')

  token.command('create')
    .description('create a token (the user is created when new); the token is printed once')
    .requiredOption('--user <name>', 'the user the token belongs to')
    .option('--scopes <list>', 'comma-separated: read, write, admin', parseScopes, ['read'] as Scope[])
    .option('--name <name>', 'a label to recognise the token by')
    .action(async (options: { user: string, scopes: Scope[], name?: string }) => {
      const created = await withTokens((tokens) => tokens.create(options))
      stdout.write(`${created.token}\n`)
      stderr.write(`token ${created.info.id} for ${created.info.user} with scopes ${created.info.scopes.join(',')}; store it now, it is not shown again\n`)
    })

  token.command('list')
    .description('list tokens (never the tokens themselves)')
    .action(async () => {
      const list = await withTokens((tokens) => tokens.list())
      for (const info of list) {
        const state = info.revoked_at ? `revoked ${info.revoked_at}` : 'live'
        stdout.write(`${info.id}  ${info.prefix}…  ${info.user}  ${info.scopes.join(',')}  ${info.name}  ${state}\n`)
      }
    })

  token.command('revoke')
    .description('revoke a token by id')
    .argument('<id>', 'the token id, from token list')
    .action(async (id: string) => {
      if (!await withTokens((tokens) => tokens.revoke(id))) {
        stderr.write(`no live token with id ${id}\n`)
        setExitCode(1)
        return
      }
      stdout.write(`revoked ${id}\n`)
    })

  program.command('openapi')
    .description('print the OpenAPI document without starting a server')
    .action(async () => {
      // Built against a throw-away data directory so printing the contract touches no real data.
      const dataDir = await mkdtemp(join(tmpdir(), 'podplay-openapi-'))
      const { buildApp } = await import('../app.js')
      const app = await buildApp({
        config: loadConfig({ ...env, PODPLAY_DATA_DIR: dataDir, DATABASE_URL: 'sqlite://:memory:', PODPLAY_ADMIN_TOKEN: 'openapi-printing-only' }),
        logger: false
      })
      try {
        await app.ready()
        stdout.write(`${JSON.stringify(app.swagger(), null, 2)}\n`)
      } finally {
        await app.close()
        await rm(dataDir, { recursive: true, force: true })
      }
    })

  const catalog = program.command('catalog').description('the MCP server catalog')

  catalog.command('import')
    .description('import a catalog document (MCP Registry list, server.json array, legacy seed or Podplay catalog) and print the report')
    .argument('<file>', 'the JSON document')
    .action(async (file: string) => {
      const { db } = await openDatabase(loadConfig(env).database)
      // A bar only where someone watches a file big enough to wait for.
      const bar = new SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: stderr, hideCursor: true }, Presets.shades_classic)
      let shownPhase: string | undefined
      try {
        const report = await importCatalogFile(db, file, ({ phase, done, total }) => {
          if (total < PROGRESS_BAR_FROM) return
          if (phase !== shownPhase) {
            if (shownPhase) bar.stop()
            bar.start(total, 0, { phase })
            shownPhase = phase
          }
          bar.update(done)
        })
        if (shownPhase) bar.stop()
        stdout.write(`${describeReport(report).join('\n')}\n`)
      } finally {
        bar.stop()
        await db.destroy()
      }
    })

  catalog.command('schema')
    .description('print the JSON Schema of the catalog file format (data/mcp_servers.schema.json)')
    .action(() => {
      stdout.write(`${JSON.stringify(catalogJsonSchema(), null, 2)}\n`)
    })

  return program
}

/** Runs the command line on `argv` (as process.argv: node, script, arguments…); resolves with the exit code. */
export async function runCli (argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0
  const program = createProgram(io, (code) => { exitCode = code })
  try {
    await program.parseAsync(argv)
    return exitCode
  } catch (error) {
    // Commander has already printed its own usage errors (and help, which is not an error).
    if (error instanceof CommanderError) return error.exitCode
    io.stderr.write(`${error instanceof ConfigError ? error.message : `podplay: ${(error as Error).message}`}\n`)
    return 1
  }
}
