import type { Config } from '../../plugins/config.js'
import { databaseSize, type Db } from '../../plugins/db.js'
import type { ControlStatus } from '../../schemas/control.js'
import type { HealthRegistry } from '../health/registry.js'
import { ProcessSampler } from '../health/process-sampler.js'
import { EventLoopMonitor } from './event-loop.js'
import { redactConfig } from './redact.js'

export interface ControlCenterDeps {
  health: HealthRegistry
  db: Db
  dbInfo: { kind: Config['database']['kind'], migration: string | undefined }
  config: Config
}

/**
 * The operator's view: every service's health, the process's real figures and every count the
 * services report. A failing service makes the status degraded; it never fails the status itself.
 */
export class ControlCenter {
  private readonly sampler = new ProcessSampler()
  private readonly eventLoop = new EventLoopMonitor()

  constructor (private readonly deps: ControlCenterDeps) {}

  async status (): Promise<ControlStatus> {
    const { health, db, dbInfo } = this.deps
    const [readiness, size] = await Promise.all([
      health.readiness(),
      databaseSize(db, dbInfo.kind).catch(() => null)
    ])
    const figures = this.sampler.sample()
    const memory = process.memoryUsage()
    return {
      status: readiness.status === 'ready' ? 'healthy' : 'degraded',
      timestamp: readiness.timestamp,
      services: readiness.services,
      process: {
        pid: process.pid,
        uptime_seconds: Math.round(process.uptime()),
        cpu_percent: figures.cpuPercent,
        rss_bytes: figures.rssBytes,
        heap_used_bytes: memory.heapUsed,
        heap_total_bytes: memory.heapTotal,
        event_loop_delay_ms: this.eventLoop.percentiles(),
        open_handles: process.getActiveResourcesInfo().length,
        node_version: process.version
      },
      counts: Object.fromEntries(health.gaugeNames.map((name) => [name, health.gauge(name)])),
      database: { kind: dbInfo.kind, size_bytes: size, migration: dbInfo.migration ?? null }
    }
  }

  effectiveConfig (): Record<string, unknown> {
    return redactConfig(this.deps.config) as Record<string, unknown>
  }

  close (): void {
    this.eventLoop.stop()
  }
}
