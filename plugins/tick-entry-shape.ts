import { executionAsyncResource } from 'node:async_hooks'
import fp from 'fastify-plugin'

/** One of process.nextTick's own queue entries, alive for as long as the process. */
let retained: object | undefined

/**
 * Keeps process.nextTick fast for the life of the process.
 *
 * nextTick builds each queue entry with an object literal whose first keys are computed (two
 * symbols), and V8 remembers the hidden classes that literal goes through only weakly. When a full
 * garbage collection finds no entry alive, as it does in a server between bursts of requests, those
 * classes die; the next entry gets new ones, V8 then marks the literal's stores megamorphic for good,
 * and every nextTick goes through the runtime: about 250 ns instead of 50. Node's HTTP and streams
 * call nextTick several times per request (it was 8 % of the CPU of `/api/auth/me` in a server that
 * had fallen into it). One entry kept alive keeps its classes, and so the stores stay monomorphic.
 */
export function retainTickEntryShape (): void {
  if (retained) return
  // Inside a nextTick callback, the current async resource is the callback's queue entry.
  process.nextTick(() => { retained = executionAsyncResource() })
}

export default fp(async () => { retainTickEntryShape() }, { name: 'tick-entry-shape' })
