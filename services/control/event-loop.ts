import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'

/** Event-loop delay percentiles since start-up, from Node's built-in histogram (10 ms resolution). */
export class EventLoopMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 })

  constructor () {
    this.histogram.enable()
  }

  percentiles (): { p50: number, p99: number, max: number } {
    const ms = (nanoseconds: number) => Math.round((nanoseconds / 1e6) * 100) / 100
    return { p50: ms(this.histogram.percentile(50)), p99: ms(this.histogram.percentile(99)), max: ms(this.histogram.max) }
  }

  stop (): void {
    this.histogram.disable()
  }
}
