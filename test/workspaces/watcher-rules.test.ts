import t from 'tap'
import { isIgnored, netChange } from '../../services/workspaces/watcher.js'

t.test('several changes to one path in a window net out to one', async (t) => {
  t.equal(netChange('add', 'change'), 'add')
  t.equal(netChange('add', 'unlink'), null, 'created and removed: never reported')
  t.equal(netChange('addDir', 'unlinkDir'), null)
  t.equal(netChange('change', 'unlink'), 'unlink')
  t.equal(netChange('unlink', 'add'), 'change', 'replaced')
  t.equal(netChange('change', 'change'), 'change')
  t.equal(netChange('unlinkDir', 'addDir'), 'addDir')
})

t.test('the watcher skips node_modules, .git internals and temporary files', async (t) => {
  const root = '/w'
  for (const path of ['/w/node_modules', '/w/a/node_modules/x.js', '/w/.git/HEAD', '/w/.git/objects/ab', '/w/sub/.git/refs', '/w/.a.txt.1234.podplay-tmp']) {
    t.ok(isIgnored(root, path), path)
  }
  for (const path of ['/w', '/w/.git', '/w/.git/config', '/w/sub/.git/config', '/w/src/a.ts', '/w/.github/workflows/ci.yml']) {
    t.notOk(isIgnored(root, path), path)
  }
})
