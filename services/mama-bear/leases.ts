import type { FastifyBaseLogger } from 'fastify'
import type { ConversationStore } from './store.js'

/** How long an instance's claim on an open answer holds without a renewal. */
export const ANSWER_LEASE_MS = 30_000

/**
 * Keeps this instance's claim on the answers it is writing, and closes the answers of writers
 * that are gone: at start-up its own previous process's and any expired ones, then, every third of
 * a lease, the answers of another instance that stopped renewing (it was killed, or lost its host).
 */
export class AnswerLeases {
  private timer?: NodeJS.Timeout

  constructor (private readonly store: ConversationStore, private readonly log: FastifyBaseLogger) {}

  async start (): Promise<void> {
    const interrupted = await this.store.closeInterrupted({ includingOwn: true })
    if (interrupted > 0) this.log.warn({ count: interrupted }, 'closed answers interrupted by the previous shutdown')
    this.timer = setInterval(() => { this.tick().catch((error: Error) => this.log.warn({ err: error }, 'could not renew answer leases')) }, ANSWER_LEASE_MS / 3)
    this.timer.unref()
  }

  /** Renews this instance's leases, then closes what a vanished writer left open. */
  async tick (): Promise<void> {
    await this.store.renewLeases()
    const abandoned = await this.store.closeInterrupted({ includingOwn: false })
    if (abandoned > 0) this.log.warn({ count: abandoned }, 'closed answers whose instance stopped writing them')
  }

  stop (): void {
    clearInterval(this.timer)
  }
}
