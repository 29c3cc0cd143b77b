/**
 * The most recent output of a terminal, at most `capacity` characters, kept as the chunks that
 * arrived so a push is O(1) and only a join pays for joining them. A late joiner redraws from it.
 */
export class RingBuffer {
  private chunks: string[] = []
  private size = 0

  constructor (private readonly capacity: number) {}

  push (chunk: string): void {
    this.chunks.push(chunk)
    this.size += chunk.length
    while (this.size - this.chunks[0].length >= this.capacity) {
      this.size -= this.chunks.shift()!.length
    }
    if (this.size > this.capacity) {
      // Trim the oldest chunk, without leaving half of a surrogate pair at the start.
      let cut = this.size - this.capacity
      const first = this.chunks[0]
      if (isLowSurrogate(first.charCodeAt(cut))) cut++
      this.chunks[0] = first.slice(cut)
      this.size -= cut
    }
  }

  contents (): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')]
    return this.chunks[0] ?? ''
  }
}

function isLowSurrogate (code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
