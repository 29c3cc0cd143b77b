import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './plugins/config.js'

let config
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(2)
}

const app = await buildApp({ config, announce: (message) => process.stdout.write(`\n${message}\n\n`) })

// On SIGTERM/SIGINT: stop accepting, let in-flight requests finish, disconnect sockets, close the
// database (each plugin's onClose), then exit 0. A second signal or the grace period forces it.
closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an uncaught error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})

try {
  await app.listen({ host: config.host, port: config.port })
} catch (error) {
  app.log.fatal({ err: error }, 'could not start')
  process.exit(1)
}
