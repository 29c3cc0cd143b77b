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
  let wait = limits.firstMs
  let finished = false
  try {
    while (true) {
      const next = iterator.next()
      // The losing promise of the race must not surface as an unhandled rejection.
      next.catch(() => {})
      const step = await raceSilence(next, wait, controller, onSilence)
      if (step.done) {
        finished = true
        return
      }
      yield step.value
      wait = limits.idleMs
    }
  } finally {
    // A source cut off mid-way is told to clean up; it is not awaited, as it may be stuck.
    if (!finished) iterator.return?.()?.catch(() => {})
  }
}

function raceSilence<T> (next: Promise<T>, wait: number, controller: AbortController, onSilence: () => Error): Promise<T> {
  const signal = controller.signal
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      cleanup()
      reject(signal.reason)
    }
    const timer = setTimeout(() => controller.abort(onSilence()), wait)
    function cleanup () {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    next.then(
      (value) => { cleanup(); resolve(value) },
      (error: unknown) => { cleanup(); reject(signal.aborted ? signal.reason : error) }
    )
  })
}
