export interface SilenceLimits {
  /** For the first item: the SDK may still be connecting or retrying. */
  firstMs: number
  /** Between items once the answer flows. */
  idleMs: number
}

/**
 * Yields what `source` yields, but never waits on it past a limit or past an abort. The SDKs' own
 * timeouts end when the response headers arrive, so a stream that stalls half-way would otherwise
 * hang forever. On silence, `controller` is aborted with `onSilence()` (cancelling the request at the
 * provider) and that error is thrown; on abort, the abort reason is thrown at once, whether or not
 * the provider notices the signal promptly.
 */
export async function * withSilenceLimit<T> (
  source: AsyncIterable<T>,
  limits: SilenceLimits,
  controller: AbortController,
  onSilence: () => Error
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]()
  const watch = new SilenceWatch(limits, controller, onSilence)
  let finished = false
  try {
    while (true) {
      const step = await watch.next(iterator)
      if (step.done) {
        finished = true
        return
      }
      yield step.value
    }
  } finally {
    watch.stop()
    // A source cut off mid-way is told to clean up; it is not awaited, as it may be stuck.
    if (!finished) iterator.return?.()?.catch(() => {})
  }
}

/**
 * One timer and one abort listener for a whole stream: providers send answers in hundreds of small
 * pieces, and a timer and a listener made and dropped per piece cost more than the piece. The timer
 * is re-armed as each wait begins; if it fires while the consumer handles an item (a tool call may
 * take minutes), that is not silence, and the next wait re-arms it.
 */
class SilenceWatch {
  private timer: NodeJS.Timeout | undefined
  private waits = 0
  /** Rejects the wait in progress; unset while the consumer has the item. */
  private interrupt: ((reason: unknown) => void) | undefined
  private readonly onAbort = () => this.interrupt?.(this.controller.signal.reason)
  private readonly fire = () => { if (this.interrupt) this.controller.abort(this.onSilence()) }

  constructor (
    private readonly limits: SilenceLimits,
    private readonly controller: AbortController,
    private readonly onSilence: () => Error
  ) {
    controller.signal.addEventListener('abort', this.onAbort, { once: true })
  }

  /** The source's next step, or the abort's reason (a silence becomes an abort) if that comes first. */
  next<T> (iterator: AsyncIterator<T>): Promise<IteratorResult<T>> {
    const signal = this.controller.signal
    if (signal.aborted) return Promise.reject(signal.reason)
    this.arm()
    const next = iterator.next()
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      this.interrupt = reject
      next.then(
        (step) => { this.interrupt = undefined; resolve(step) },
        (error: unknown) => { this.interrupt = undefined; reject(signal.aborted ? signal.reason : error) }
      )
    })
  }

  stop (): void {
    clearTimeout(this.timer)
    this.controller.signal.removeEventListener('abort', this.onAbort)
  }

  private arm (): void {
    this.waits += 1
    // The first wait may be longer (the SDK may still be connecting or retrying); the later ones share the idle limit.
    if (this.waits === 1) this.timer = setTimeout(this.fire, this.limits.firstMs)
    else if (this.waits === 2) {
      clearTimeout(this.timer)
      this.timer = setTimeout(this.fire, this.limits.idleMs)
    } else this.timer?.refresh()
  }
}
