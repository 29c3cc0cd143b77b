/**
 * The positions of the k highest of `scores`, highest first, equal scores in the order they come:
 * only the scores that reach the k-th highest are sorted (a stable sort), however many there are.
 */
export function bestFirst (scores: Float64Array, k: number): number[] {
  const threshold = k < scores.length ? kthLargest(scores, k) : -Infinity
  const candidates: number[] = []
  for (let i = 0; i < scores.length; i++) if (scores[i] >= threshold) candidates.push(i)
  candidates.sort((a, b) => scores[b] - scores[a])
  return candidates.slice(0, k)
}

/** The k-th largest of `values` (1-based), with a min-heap of the k largest seen so far. */
function kthLargest (values: Float64Array, k: number): number {
  const heap = new Float64Array(k)
  let size = 0
  for (const value of values) {
    if (size < k) {
      let child = size++
      while (child > 0) {
        const parent = (child - 1) >> 1
        if (heap[parent] <= value) break
        heap[child] = heap[parent]
        child = parent
      }
      heap[child] = value
    } else if (value > heap[0]) {
      let parent = 0
      for (;;) {
        let child = 2 * parent + 1
        if (child >= k) break
        if (child + 1 < k && heap[child + 1] < heap[child]) child++
        if (heap[child] >= value) break
        heap[parent] = heap[child]
        parent = child
      }
      heap[parent] = value
    }
  }
  return heap[0]
}
