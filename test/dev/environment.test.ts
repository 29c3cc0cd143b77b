import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus, platform, totalmem } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { build, tempDir, tokenFor } from '../helper.js'
import { DevEnvironmentService } from '../../services/dev-environment/environment.js'
import { probeFirst, probeVersion } from '../../services/dev-environment/probe.js'

const node = process.execPath

function versionOf (command: string): string {
  return execFileSync(command, ['--version'], { encoding: 'utf8' }).trim()
}

t.test('GET /api/dev/environment reports the real tools and machine', async (t) => {
  const { app, auth } = await build(t)
  t.equal((await app.inject({ method: 'GET', url: '/api/dev/environment' })).statusCode, 401)

  const reader = await tokenFor(app, 'dev', ['read'])
  const response = await app.inject({ method: 'GET', url: '/api/dev/environment', headers: auth(reader) })
  t.equal(response.statusCode, 200)
  const report = response.json()
  t.equal(`v${report.tools.node.version}`, versionOf('node'))
  t.equal(report.tools.npm.version, versionOf('npm'))
  t.equal(report.tools.git.detail, versionOf('git'))
  t.match(report.tools.git.version, /^\d+\.\d+/)
  t.match(report.tools.python, { available: true, version: /^\d+\.\d+\.\d+/, command: /^python3? --version$/ })
  t.equal(report.os.platform, platform())
  t.equal(report.cpu.cores, cpus().length)
  t.equal(report.cpu.load_average.length, 3)
  t.equal(report.memory.total_bytes, totalmem())
  t.equal(report.memory.used_bytes, report.memory.total_bytes - report.memory.free_bytes)
  t.ok(report.memory.process_rss_bytes > 0)
  t.ok(Date.parse(report.timestamp))
})

t.test('a version probe runs the tool itself and never throws', async (t) => {
  t.match(await probeVersion(node, ['--version'], 5000), { available: true, version: process.versions.node, detail: process.version })
  t.match(await probeVersion('podplay-no-such-tool', ['--version'], 5000), { available: false, version: null, detail: 'not found on PATH' })
  t.match(await probeVersion(node, ['-e', 'setTimeout(() => {}, 10000)'], 200), { available: false, detail: 'no answer within 200 ms' })
  t.match(await probeVersion(node, ['-e', 'process.exit(3)'], 5000), { available: false, detail: /failed/ })
  t.match(await probeVersion(node, ['-e', 'console.error("Python 2.7.18")'], 5000), { available: true, version: '2.7.18' }, 'a version printed on stderr counts')
  t.match(await probeVersion(node, ['-e', 'console.log("no digits here")'], 5000), { available: false, version: null, detail: 'no digits here' })
  // No shell runs the command: metacharacters are just an argument.
  t.match(await probeVersion(node, ['-e', 'console.log(process.argv[1])', '1.2.3; rm -rf /'], 5000), { version: '1.2.3' })

  t.match(await probeFirst([['podplay-no-such-tool', []], [node, ['--version']]], 5000), { available: true, command: `${node} --version` })
  t.match(await probeFirst([['podplay-missing-a', []], ['podplay-missing-b', []]], 5000), { available: false, command: 'podplay-missing-a' })
})

t.test('tool versions are cached; the machine figures are live', async (t) => {
  const dir = tempDir(t)
  const osRelease = join(dir, 'os-release')
  writeFileSync(osRelease, 'NAME="Test"\nPRETTY_NAME="Test Linux 1.0"\n')
  const service = new DevEnvironmentService({ osReleaseFile: osRelease })
  const first = await service.report()
  const second = await service.report()
  t.equal(first.os.distribution, 'Test Linux 1.0')
  t.equal(second.tools, first.tools, 'the same cached probe results')
  t.not(second.memory, first.memory, 'memory is read again for every report')
  service.refresh()
  t.not((await service.report()).tools, first.tools, 'refresh probes again')

  const uncached = new DevEnvironmentService({ cacheMs: -1, osReleaseFile: join(dir, 'missing') })
  const a = await uncached.report()
  t.equal(a.os.distribution, null, 'no os-release, no distribution')
  t.not((await uncached.report()).tools, a.tools, 'an expired cache probes again')
})
