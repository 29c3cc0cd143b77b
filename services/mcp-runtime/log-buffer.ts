/** One line of a server's log: what the child wrote to stderr, or what the runtime noted about it. */
export interface LogLine {
  timestamp: string
  stream: 'stderr' | 'runtime'
  text: string
}

/**
 * The last lines of a server's log in a fixed-size ring. Bounded in lines and in line length, so a
 * chatty (or hostile) server cannot grow our memory; it outlives restarts, so the lines that explain
 * a crash are still there after it.
 */
export class LogBuffer {
  private readonly ring: Array<LogLine | undefined>
  private next = 0
  private size = 0
  private written = 0
  private partial = ''
  /** A line too long was cut: what follows, up to its newline, is not kept. */
  private skippingRest = false

  constructor (readonly capacity = 1000, private readonly maxLineLength = 4096) {
    this.ring = new Array(capacity)
  }

  /** Adds a chunk of stderr; a line without its newline yet waits for the rest. */
  append (chunk: string): void {
    let text = chunk
    if (this.skippingRest) {
      const end = text.indexOf('\n')
      if (end === -1) return
      text = text.slice(end + 1)
      this.skippingRest = false
    }
    const pieces = (this.partial + text).split(/\r?\n/)
    this.partial = pieces.pop() ?? ''
    for (const piece of pieces) this.push('stderr', piece)
    if (this.partial.length > this.maxLineLength) {
      // Keep the line's start; the rest of it, up to its newline, is dropped.
      this.push('stderr', this.partial)
      this.partial = ''
      this.skippingRest = true
    }
  }

  /** A line of the runtime's own (started, exited with code 3…), so the log tells the whole story. */
  note (text: string): void {
    this.flush()
    this.push('runtime', text)
  }

  /** The last `count` lines, oldest first. */
  tail (count: number): LogLine[] {
    this.flush()
    const taken = Math.min(count, this.size)
    const lines: LogLine[] = []
    for (let index = this.next - taken; index < this.next; index++) {
      lines.push(this.ring[(index + this.capacity) % this.capacity]!)
    }
    return lines
  }

  /** A position in the log, to ask later what was written after it. */
  mark (): number {
    this.flush()
    return this.written
  }

  /** A failure's reason with the last line the child wrote after a mark, which usually says why. */
  explain (reason: string, mark: number): string {
    const said = this.tail(this.mark() - mark).findLast((line) => line.stream === 'stderr')?.text
    return said ? `${reason} (last stderr: ${said})` : reason
  }

  private flush (): void {
    if (this.partial === '') return
    this.push('stderr', this.partial)
    this.partial = ''
  }

  private push (stream: LogLine['stream'], text: string): void {
    const line = text.length > this.maxLineLength ? `${text.slice(0, this.maxLineLength)}…` : text
    this.ring[this.next] = { timestamp: new Date().toISOString(), stream, text: detached(line) }
    this.next = (this.next + 1) % this.capacity
    this.size = Math.min(this.size + 1, this.capacity)
    this.written += 1
  }
}

/**
 * A copy of a string that shares no memory with the one it came from. V8 keeps a piece cut from a
 * string (split, slice) as a view on the whole, so one kept line would pin its 64 KiB stderr chunk,
 * and a full ring of them 1000 chunks instead of 1000 lines.
 */
function detached (text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}
