import type { FastifyBaseLogger } from 'fastify'
import type { Bindings, ChildLoggerOptions } from 'pino'

/** pino's level numbers. */
const levelValues: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity }

/** Whether a logger at `threshold` writes lines of `level` (a logger without a level writes everything it is given). */
export function levelEnabled (threshold: string | undefined, level: string): boolean {
  return threshold === undefined || levelValues[level] >= (levelValues[threshold] ?? 0)
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'

/**
 * A request's logger, made the first time the request logs something its level lets through.
 * Fastify gives every request a pino child bound to its request id; making one (with the redaction
 * paths) costs more than answering a health probe, and most requests never log at all at warn, or
 * only their one completion line at info.
 */
class LazyChildLogger {
  private made: FastifyBaseLogger | undefined

  constructor (private readonly parent: FastifyBaseLogger, private readonly bindings: Bindings, private readonly options: ChildLoggerOptions) {}

  get level (): string {
    return this.made?.level ?? this.options.level ?? this.parent.level
  }

  set level (level: string) {
    this.real().level = level
  }

  fatal (...args: unknown[]): void { this.write('fatal', args) }
  error (...args: unknown[]): void { this.write('error', args) }
  warn (...args: unknown[]): void { this.write('warn', args) }
  info (...args: unknown[]): void { this.write('info', args) }
  debug (...args: unknown[]): void { this.write('debug', args) }
  trace (...args: unknown[]): void { this.write('trace', args) }
  silent (): void {}

  child (bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real().child(bindings, options)
  }

  private write (level: Level, args: unknown[]): void {
    if (this.made === undefined && !levelEnabled(this.level, level)) return
    (this.real()[level] as (...values: unknown[]) => void)(...args)
  }

  private real (): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings, this.options)
    return this.made
  }
}

/** Fastify's childLoggerFactory: each request's logger, made lazily. */
export function lazyChildLogger (logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger
}
