import { readFile } from 'node:fs/promises'
import { arch, cpus, freemem, hostname, loadavg, platform, release, totalmem, type, uptime } from 'node:os'
import type { DevEnvironment } from '../../schemas/dev.js'
import { probeFirst, probeVersion } from './probe.js'

export interface DevEnvironmentOptions {
  /** How long tool versions are reused; they change only when someone upgrades a tool. */
  cacheMs?: number
  /** How long one version command may run. */
  timeoutMs?: number
  osReleaseFile?: string
}

type Tools = DevEnvironment['tools']

/**
 * The development environment the service runs in: tool versions from the tools themselves
 * (cached), and the machine's OS, CPU and memory read live on every report.
 */
export class DevEnvironmentService {
  private tools: { at: number, value: Promise<Tools> } | undefined
  private distribution: Promise<string | null> | undefined
  private readonly cacheMs: number
  private readonly timeoutMs: number

  constructor (private readonly options: DevEnvironmentOptions = {}) {
    this.cacheMs = options.cacheMs ?? 5 * 60_000
    this.timeoutMs = options.timeoutMs ?? 10_000
  }

  async report (): Promise<DevEnvironment> {
    const [tools, distribution] = await Promise.all([this.toolVersions(), this.osDistribution()])
    const total = totalmem()
    const free = freemem()
    const processors = cpus()
    return {
      tools,
      os: { platform: platform(), type: type(), release: release(), distribution, arch: arch(), hostname: hostname(), uptime_seconds: uptime() },
      cpu: {
        model: processors[0]?.model.trim() ?? 'unknown',
        cores: processors.length,
        speed_mhz: processors[0]?.speed ?? 0,
        load_average: loadavg().map((load) => Math.round(load * 100) / 100)
      },
      memory: {
        total_bytes: total,
        free_bytes: free,
        used_bytes: total - free,
        usage_percent: Math.round(((total - free) / total) * 10_000) / 100,
        process_rss_bytes: process.memoryUsage.rss()
      },
      timestamp: new Date().toISOString()
    }
  }

  /** Forgets the cached tool versions (after an upgrade, say). */
  refresh (): void {
    this.tools = undefined
  }

  private toolVersions (): Promise<Tools> {
    if (!this.tools || Date.now() - this.tools.at > this.cacheMs) {
      this.tools = { at: Date.now(), value: this.probeTools() }
    }
    return this.tools.value
  }

  private async probeTools (): Promise<Tools> {
    const timeout = this.timeoutMs
    const [node, npm, git, python] = await Promise.all([
      probeVersion('node', ['--version'], timeout),
      probeVersion('npm', ['--version'], timeout),
      probeVersion('git', ['--version'], timeout),
      probeFirst([['python3', ['--version']], ['python', ['--version']]], timeout)
    ])
    return { node, npm, git, python }
  }

  private osDistribution (): Promise<string | null> {
    this.distribution ??= readFile(this.options.osReleaseFile ?? '/etc/os-release', 'utf8')
      .then((text) => /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1] ?? null, () => null)
    return this.distribution
  }
}
