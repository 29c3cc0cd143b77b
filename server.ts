import { existsSync } from 'node:fs'
import { join } from 'node:path'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './plugins/config.js'
import { StartupError } from './plugins/startup-error.js'

let config
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(2)
}

let generatedToken: { token: string, file: string } | undefined
let app
try {
  app = await buildApp({ config, onAdminTokenGenerated: (generated) => { generatedToken = generated } })
} catch (error) {
  if (!(error instanceof StartupError)) throw error
  process.stderr.write(`Could not start: ${error.message}\n`)
  process.exit(1)
}

// On SIGTERM/SIGINT: stop accepting, let in-flight requests finish, disconnect sockets, close the
// database (each plugin's onClose), then exit 0. A second signal or the grace period forces it.
closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an uncaught error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})

let address: string
try {
  address = await app.listen({ host: config.host, port: config.port })
} catch (error) {
  app.log.fatal({ err: error }, 'could not start')
  process.exit(1)
}

// Printed to the console, not the log: the log never carries tokens.
const dashboard = `${address}/`
if (generatedToken) {
  process.stdout.write([
    '',
    'Podplay Sanctuary generated an admin token. It is shown this once and saved to',
    `  ${generatedToken.file} (readable by you only):`,
    '',
    `  ${generatedToken.token}`,
    '',
    `Open the dashboard at ${dashboard} and sign in with it, or use it as a bearer token:`,
    `  curl -H "Authorization: Bearer $(cat ${generatedToken.file})" ${address}/api/auth/me`,
    '', ''
  ].join('\n'))
} else {
  const tokenFile = join(config.dataDir, 'admin-token')
  const hint = existsSync(tokenFile) ? `, e.g. the admin token in ${tokenFile}` : ''
  process.stdout.write(`\nPodplay Sanctuary is running. Dashboard: ${dashboard} (sign in with an API token${hint})\n\n`)
}
