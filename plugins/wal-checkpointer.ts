import { stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** How often the WAL file is looked at. */
const LOOK_INTERVAL_MS = 1000
/** A WAL smaller than this is left for later: a checkpoint costs its fsyncs whatever it copies. */
const CHECKPOINT_FROM_BYTES = 1024 * 1024
/**
 * The worker: its own connection to the file, a PASSIVE checkpoint (it copies what it can without
 * waiting for readers or writers) on each request, and its writes and fsyncs hold up its thread
 * only. It runs as CommonJS with no loader, so it is the same under every TypeScript runner and
 * from dist/ (its body keeps to calls and arrow arguments, which compile to themselves).
 */
function checkpoints (require: NodeJS.Require): void {
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads')
  const SQLite = require(workerData.driver as string) as typeof import('better-sqlite3')
  const db = new SQLite(workerData.file as string, { fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  parentPort?.on('message', (message: 'checkpoint' | 'stop') => {
    if (message === 'stop') {
      db.close()
      parentPort.close()
    } else {
      parentPort.postMessage(db.pragma('wal_checkpoint(PASSIVE)', { simple: false }))
    }
  })
}
const workerSource = `(${checkpoints.toString()})(require)`
const driver = createRequire(import.meta.url).resolve('better-sqlite3')

export interface CheckpointerOptions {
  /** Told when the worker cannot run; the caller then lets SQLite checkpoint inside commits again. */
  onFailure: (error: Error) => void
  /** How often the WAL file is looked at (tests shorten it). */
  lookIntervalMs?: number
}

/**
 * Moves SQLite's WAL checkpoints off the event loop. SQLite checkpoints inside the commit that
 * takes the WAL past 1,000 pages, and on a busy disk that commit then holds the thread for a
 * few hundred milliseconds (copying the pages and fsyncing the database file): every request and
 * socket waits. The service turns that off (`wal_autocheckpoint = 0`) and this looks at the WAL
 * file once a second; when it has grown and changed since the last checkpoint, a worker thread
 * with its own connection runs one. The worker starts on the first need, so a small database never
 * has one.
 */
export class WalCheckpointer {
  private worker: Worker | undefined
  private readonly timer: NodeJS.Timeout
  private checkpointing = false
  private lastChange = 0
  private stopped = false
  private exited: Promise<void> | undefined

  constructor (private readonly file: string, private readonly options: CheckpointerOptions) {
    this.timer = setInterval(() => { this.look().catch(options.onFailure) }, options.lookIntervalMs ?? LOOK_INTERVAL_MS)
    this.timer.unref()
  }

  /** Stops looking, and ends the worker once its checkpoint under way (if any) is done. */
  async stop (): Promise<void> {
    this.stopped = true
    clearInterval(this.timer)
    // Held until it has exited: an unreferenced worker's exit would not keep a closing process waiting.
    this.worker?.ref()
    this.worker?.postMessage('stop')
    await this.exited
  }

  private async look (): Promise<void> {
    if (this.checkpointing || this.stopped) return
    const wal = await stat(`${this.file}-wal`).catch(() => undefined)
    if (!wal || wal.size < CHECKPOINT_FROM_BYTES || wal.mtimeMs === this.lastChange || this.stopped) return
    this.lastChange = wal.mtimeMs
    this.checkpointing = true
    this.workerNow().postMessage('checkpoint')
  }

  private workerNow (): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(workerSource, { eval: true, execArgv: [], workerData: { file: this.file, driver } })
    // `stop` ends it; until then it never keeps a process alive.
    worker.unref()
    worker.on('message', () => { this.checkpointing = false })
    worker.on('error', (error: unknown) => {
      this.stopped = true
      clearInterval(this.timer)
      // better-sqlite3's SqliteError crosses the thread as a plain object with its code only.
      this.options.onFailure(error instanceof Error ? error : new Error(`the WAL checkpoint worker failed: ${JSON.stringify(error)}`))
    })
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()))
    this.worker = worker
    return worker
  }
}
