import type { Readiness, ServiceCheck } from '../../schemas/health.js'

/** A service's own readiness probe: resolve when usable, throw (with a reason) when not. */
export type HealthCheck = () => Promise<string | void>

/** Counts other services report for the system status (terminals, workspaces, clients…). */
export type Gauge = () => number

const CHECK_TIMEOUT_MS = 2000

async function withTimeout (check: HealthCheck): Promise<string | void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)
  })
  try {
    return await Promise.race([check(), timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Where every service registers how to tell it is healthy, and the counts it contributes. Readiness
 * runs all checks together, so one slow service costs its timeout rather than the sum of all.
 */
export interface CheckOptions {
  /**
   * Whether the instance cannot serve without this service (default true): when it is down,
   * readiness is `not_ready` (503); otherwise only `degraded` (200).
   */
  essential?: boolean
}

export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>()
  private readonly optional = new Set<string>()
  private readonly gauges = new Map<string, Gauge>()
  private running: Promise<Readiness> | undefined

  registerCheck (service: string, check: HealthCheck, options: CheckOptions = {}): void {
    if (this.checks.has(service)) throw new Error(`health check ${service} is already registered`)
    this.checks.set(service, check)
    if (options.essential === false) this.optional.add(service)
  }

  registerGauge (name: string, gauge: Gauge): void {
    if (this.gauges.has(name)) throw new Error(`gauge ${name} is already registered`)
    this.gauges.set(name, gauge)
  }

  gauge (name: string): number {
    return this.gauges.get(name)?.() ?? 0
  }

  get gaugeNames (): string[] {
    return [...this.gauges.keys()]
  }

  get services (): string[] {
    return [...this.checks.keys()]
  }

  /**
   * Every check's result. Callers that ask while a round of checks runs share that round: thousands
   * of sockets connecting at once (each greeted with the status) or a burst of probes would otherwise
   * each run every check, with a timer apiece, for answers a few milliseconds apart.
   */
  readiness (): Promise<Readiness> {
    this.running ??= this.runChecks().finally(() => { this.running = undefined })
    return this.running
  }

  private async runChecks (): Promise<Readiness> {
    const entries = await Promise.all([...this.checks].map(async ([service, check]): Promise<[string, ServiceCheck]> => {
      const started = performance.now()
      try {
        const detail = await withTimeout(check)
        return [service, { status: 'up', ...(detail ? { detail } : {}), latency_ms: elapsed(started) }]
      } catch (error) {
        return [service, { status: 'down', detail: (error as Error).message, latency_ms: elapsed(started) }]
      }
    }))
    const down = entries.filter(([, result]) => result.status === 'down').map(([service]) => service)
    const failing = down.filter((service) => !this.optional.has(service))
    const degraded = down.filter((service) => this.optional.has(service))
    return {
      status: failing.length > 0 ? 'not_ready' : degraded.length > 0 ? 'degraded' : 'ready',
      failing,
      degraded,
      services: Object.fromEntries(entries),
      timestamp: new Date().toISOString()
    }
  }
}

function elapsed (started: number): number {
  return Math.round((performance.now() - started) * 100) / 100
}
