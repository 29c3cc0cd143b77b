import t from 'tap'
import { LogBuffer } from '../../services/mcp-runtime/log-buffer.js'

const texts = (buffer: LogBuffer, count = 100) => buffer.tail(count).map((line) => line.text)

t.test('lines are split on newlines, and a partial line waits for its end', async (t) => {
  const buffer = new LogBuffer(10)
  buffer.append('first\r\nsec')
  t.same(texts(buffer), ['first', 'sec'], 'a partial line shows when read')
  buffer.append('ond\nthird\n')
  t.same(texts(buffer), ['first', 'sec', 'ond', 'third'])
  const buffer2 = new LogBuffer(10)
  buffer2.append('sec')
  buffer2.append('ond\n')
  t.same(texts(buffer2), ['second'], 'unread, the pieces join')
  t.match(buffer2.tail(1)[0], { stream: 'stderr', timestamp: String })
})

t.test('the ring keeps the last lines only', async (t) => {
  const buffer = new LogBuffer(3)
  for (let index = 1; index <= 7; index++) buffer.append(`line ${index}\n`)
  t.same(texts(buffer), ['line 5', 'line 6', 'line 7'])
  t.same(texts(buffer, 2), ['line 6', 'line 7'])
  t.same(texts(buffer, 0), [])
})

t.test('long lines are cut, so no line can grow without bound', async (t) => {
  const buffer = new LogBuffer(5, 8)
  buffer.append('x'.repeat(20))
  buffer.append('y'.repeat(20))
  buffer.append('yy\nshort\n')
  buffer.append(`${'z'.repeat(30)}\nafter\n`)
  t.same(texts(buffer), ['xxxxxxxx…', 'short', 'zzzzzzzz…', 'after'])
})

t.test('notes and the last stderr line since a mark', async (t) => {
  const buffer = new LogBuffer(10)
  buffer.append('old failure\n')
  const mark = buffer.mark()
  t.equal(buffer.explain('exited', mark), 'exited', 'nothing written since the mark')
  buffer.append('new failure\n')
  buffer.note('exited with code 1')
  t.equal(buffer.explain('exited', mark), 'exited (last stderr: new failure)')
  t.match(buffer.tail(1)[0], { stream: 'runtime', text: 'exited with code 1' })
})
