import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js'

/** What a caller may add to one request: its own cancellation, and where progress goes. */
export interface CallOptions {
  /** Aborting it cancels the request upstream (notifications/cancelled), as the timeout does. */
  signal?: AbortSignal
  onprogress?: RequestOptions['onprogress']
}

/**
 * The options for one request that may take long: cancelled at `timeoutMs` or when the caller's
 * signal aborts, whichever comes first; progress reported to the caller when it asks for it.
 * The SDK's own timer keeps the time: it is cleared with the answer, where a timeout signal would
 * be held, with the SDK's listener on it, for the whole limit after every call.
 */
export function callLimits (timeoutMs: number, options: CallOptions = {}): RequestOptions {
  return {
    timeout: timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onprogress ? { onprogress: options.onprogress } : {})
  }
}
