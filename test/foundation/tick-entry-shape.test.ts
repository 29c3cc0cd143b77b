import { spawn } from 'node:child_process'
import { mkdtemp, open, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { projectRoot } from '../../plugins/config.js'

/**
 * The fixture stands for a server, which runs compiled (`npm start`) or under tsx (`npm run bench`),
 * so it runs under tsx and in a clean environment (`env -i`): the test runner joins every child it
 * spawns through NODE_OPTIONS, and its loaders and coverage leave nextTick megamorphic before any
 * of the project's code runs. The fixture reports no coverage, so tsx's source maps never reach it.
 */
const fixture = join(projectRoot, 'test/foundation/fixtures/tick-feedback.ts')

/** The states of nextTick's literal stores after a full collection with no queue entry alive. */
async function literalStoreStates (mode: 'retain' | 'plain'): Promise<string[]> {
  // V8 prints with C's stdio, which loses what a full non-blocking pipe refuses: a file takes it all.
  const dir = await mkdtemp(join(tmpdir(), 'podplay-tick-'))
  const file = join(dir, 'feedback.txt')
  const output = await open(file, 'w')
  try {
    const args = ['-i', `PATH=${process.env.PATH}`, process.execPath, '--allow-natives-syntax', '--expose-gc', '--import', 'tsx', fixture, mode]
    const child = spawn('env', args, { cwd: projectRoot, stdio: ['ignore', output.fd, 'inherit'] })
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
