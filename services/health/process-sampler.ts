import { totalmem } from 'node:os'

/**
 * The process's CPU share since the previous sample (100 % = one core busy), computed from
 * process.cpuUsage deltas, and its memory share of the machine. Real figures, not estimates.
 */
export class ProcessSampler {
  private lastCpu = process.cpuUsage()
  private lastTime = performance.now()

  sample (): { cpuPercent: number, rssBytes: number, memoryPercent: number } {
    const now = performance.now()
    const cpu = process.cpuUsage(this.lastCpu)
    const wallMicros = (now - this.lastTime) * 1000
    this.lastCpu = process.cpuUsage()
    this.lastTime = now
    const cpuPercent = wallMicros > 0 ? ((cpu.user + cpu.system) / wallMicros) * 100 : 0
    const rssBytes = process.memoryUsage.rss()
    return {
      cpuPercent: round(cpuPercent),
      rssBytes,
      memoryPercent: round((rssBytes / totalmem()) * 100)
    }
  }
}

function round (value: number): number {
  return Math.round(value * 100) / 100
}
