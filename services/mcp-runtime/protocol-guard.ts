import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { STDIO_DEFAULT_MAX_BUFFER_SIZE } from '@modelcontextprotocol/sdk/shared/stdio.js'
import type { LogBuffer } from './log-buffer.js'

/**
 * Malformed messages a server may send before it is disconnected. A stray banner printed to stdout
 * is a common slip that clients tolerate; a stream of garbage is not a working server.
 */
export const MAX_MALFORMED_MESSAGES = 10
const QUOTED_ERROR_LENGTH = 200

/** What the SDK reports for a line that is not JSON, or JSON that is not a JSON-RPC message. */
function isMalformed (error: Error): boolean {
  return error instanceof SyntaxError || error.name === 'ZodError'
}

/**
 * Watches what a server sends, through the SDK client's error callback: malformed messages are
 * noted in the server's log and, past MAX_MALFORMED_MESSAGES, end the connection; a line longer
 * than the SDK's read buffer (which then closes the connection itself) is named for what it is.
 * `failure` says why, for the status.
 */
export class ProtocolGuard {
  private malformed = 0
  /** Why the connection was ended for what the server sent, once it was. */
  failure?: string

  constructor (private readonly log: LogBuffer) {}

  /** Hands a client back with the guard attached; every client of a connection attempt gets one. */
  watch (client: Client): Client {
    client.onerror = (error) => this.inspect(client, error)
    return client
  }

  private inspect (client: Client, error: Error): void {
    if (this.failure) return
    if (isMalformed(error)) {
      this.malformed += 1
      const quoted = error.message.slice(0, QUOTED_ERROR_LENGTH)
      this.log.note(`malformed message from the server: ${quoted}`)
      if (this.malformed < MAX_MALFORMED_MESSAGES) return
      this.failure = `the server sent ${this.malformed} malformed JSON-RPC messages (last: ${quoted})`
      client.close().catch(() => {})
    } else if (error.message.startsWith('ReadBuffer exceeded maximum size')) {
      this.failure = `the server wrote more than ${STDIO_DEFAULT_MAX_BUFFER_SIZE / 2 ** 20} MiB to stdout without a line break`
    }
  }
}
