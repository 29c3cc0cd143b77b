import { spawn } from 'node:child_process'
import { mkdtemp, open, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { loaderEnv, typescriptArgs } from '../typescript-child.js'

/** The states of nextTick's literal stores after a full collection with no queue entry alive. */
async function literalStoreStates (mode: 'retain' | 'plain'): Promise<string[]> {
  // V8 prints with C's stdio, which loses what a full non-blocking pipe refuses: a file takes it all.
  const dir = await mkdtemp(join(tmpdir(), 'podplay-tick-'))
  const file = join(dir, 'feedback.txt')
  const output = await open(file, 'w')
  try {
    const args = ['--allow-natives-syntax', '--expose-gc', ...typescriptArgs('test/foundation/fixtures/tick-feedback.ts', [mode])]
    const child = spawn(process.execPath, args, { env: { ...loaderEnv(), PATH: process.env.PATH }, stdio: ['ignore', output.fd, 'inherit'] })
    const code = await new Promise((resolve) => child.once('exit', resolve))
    if (code !== 0) throw new Error(`the fixture exited with ${code}`)
    return [...(await readFile(file, 'utf8')).matchAll(/DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((match) => match[1])
  } finally {
    await output.close()
    await rm(dir, { recursive: true, force: true })
  }
}

t.test('without a retained entry, nextTick\'s stores turn megamorphic after an idle collection (what the plugin is for)', async (t) => {
  const states = await literalStoreStates('plain')
  t.ok(states.length >= 2, 'V8 printed the literal\'s feedback')
  t.ok(states.includes('MEGAMORPHIC'), `this Node loses the feedback (if it no longer does, the plugin can go): ${states.join(', ')}`)
})

t.test('with one entry retained, they stay monomorphic', async (t) => {
  const states = await literalStoreStates('retain')
  t.ok(states.length >= 2, 'V8 printed the literal\'s feedback')
  t.same([...new Set(states)], ['MONOMORPHIC'])
})
