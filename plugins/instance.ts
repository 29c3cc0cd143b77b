import { randomUUID } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's own name among several sharing one database; the same across restarts. */
    instanceId: string
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * The instance's id, kept in its data directory (which no two instances share): a restarted
 * instance knows the work its previous process left unfinished as its own.
 */
export async function instanceIdOf (dataDir: string): Promise<string> {
  const file = join(dataDir, 'instance-id')
  const kept = (await readFile(file, 'utf8').catch(() => '')).trim()
  if (UUID.test(kept)) return kept
  const id = randomUUID()
  await mkdir(dataDir, { recursive: true })
  await writeFile(file, `${id}\n`)
  return id
}

export default fp(async (fastify) => {
  fastify.decorate('instanceId', await instanceIdOf(fastify.config.dataDir))
}, { name: 'instance', dependencies: ['config'] })
