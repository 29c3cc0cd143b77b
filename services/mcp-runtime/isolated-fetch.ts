import { getMaxListeners, setMaxListeners } from 'node:events'

/** Requests one connection may have in flight before Node warns of a leak: calls in parallel are no leak. */
const MAX_IN_FLIGHT = 1000

/**
 * fetch giving every request a signal of its own, which follows the caller's only while the request
 * and its body last. The SDK's HTTP transports pass one signal, shared by every request of a
 * connection, and undici adds an abort listener to the signal of each fetch that it drops only when
 * the request is garbage-collected: a busy connection's shared signal collected thousands (Node's
 * MaxListenersExceededWarning), and undici counts them all again on every call.
 */
export const isolatedFetch: typeof fetch = async (input, init) => {
  const shared = init?.signal
  if (!shared) return await fetch(input, init)
  const own = new AbortController()
  const follow = () => own.abort(shared.reason)
  const release = () => shared.removeEventListener('abort', follow)
  if (getMaxListeners(shared) < MAX_IN_FLIGHT) setMaxListeners(MAX_IN_FLIGHT, shared)
  if (shared.aborted) follow()
  else shared.addEventListener('abort', follow, { once: true })
  let response: Response
  try {
    response = await fetch(input, { ...init, signal: own.signal })
  } catch (error) {
    release()
    throw error
  }
  if (!response.body) {
    release()
    return response
  }
  // A stream (an SSE answer) still needs the caller's abort until it ends.
  const body = response.body.pipeThrough(new TransformStream({ flush: release }))
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
}
