import type { Terminal } from '@xterm/xterm'
import { AttachAddon } from '@xterm/addon-attach'
import { api, call } from '../../api/client'

export type LinkState =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'reconnecting', attempt: number }
  | { status: 'ended', reason: string }

const TOKEN_PROTOCOL = 'podplay.token.'
const MAX_DELAY_MS = 10_000

/**
 * One xterm.js terminal attached to a service terminal over its raw WebSocket. The token travels
 * as a subprotocol (never in a URL); resizes go as their own text frame; a dropped connection is
 * made again with backoff, and the screen is redrawn from the replay the service sends.
 */
export class TerminalLink {
  private socket: WebSocket | undefined
  private attach: AttachAddon | undefined
  private attempt = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private closed = false

  constructor (
    private readonly terminal: Terminal,
    private readonly id: string,
    private readonly token: string,
    private readonly readOnly: boolean,
    private readonly onState: (state: LinkState) => void
  ) {
    this.connect()
  }

  /** Tells the service the terminal's size (a read-only client watches at the writer's size). */
  resize (cols: number, rows: number): void {
    if (this.readOnly || this.socket?.readyState !== WebSocket.OPEN) return
    this.socket.send(JSON.stringify({ type: 'resize', cols, rows }))
  }

  close (): void {
    this.closed = true
    clearTimeout(this.timer)
    this.attach?.dispose()
    this.socket?.close(1000)
  }

  private connect (): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
    const socket = new WebSocket(`${scheme}://${location.host}/api/terminals/${encodeURIComponent(this.id)}/ws`, [`${TOKEN_PROTOCOL}${this.token}`])
    this.socket = socket
    socket.addEventListener('open', () => {
      this.attempt = 0
      // The service starts with its replay of the recent output: draw it on a clean screen.
      this.terminal.reset()
      this.attach = new AttachAddon(socket, { bidirectional: !this.readOnly })
      this.terminal.loadAddon(this.attach)
      this.onState({ status: 'connected' })
      this.resize(this.terminal.cols, this.terminal.rows)
    })
    socket.addEventListener('close', (event) => {
      this.attach?.dispose()
      this.attach = undefined
      if (this.closed) return
      // 1000: the shell ended (the reason says how); 4404: the terminal was gone by the upgrade.
      if (event.code === 1000 || event.code === 4404) {
        this.onState({ status: 'ended', reason: event.reason || 'the terminal ended' })
        return
      }
      this.retry()
    })
  }

  /** Tries again, unless the terminal no longer exists (an upgrade refused for that looks the same). */
  private retry (): void {
    this.attempt += 1
    this.onState({ status: 'reconnecting', attempt: this.attempt })
    const delay = Math.min(MAX_DELAY_MS, 250 * 2 ** (this.attempt - 1))
    this.timer = setTimeout(() => {
      call(api.GET('/api/terminals/{id}', { params: { path: { id: this.id } } })).then(
        () => { if (!this.closed) this.connect() },
        (error: { status?: number, message: string }) => {
          if (this.closed) return
          if (error.status === 404) this.onState({ status: 'ended', reason: 'the terminal is closed' })
          else this.retry()
        }
      )
    }, delay)
  }
}
