import t from 'tap'
import { NameRegistry, safeName, VALID_NAME } from '../../services/mcp-gateway/names.js'
import { gatewayTemplate, gatewayUri, rewriteContent, upstreamUri } from '../../services/mcp-gateway/uris.js'

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random (seed: number) {
  let state = seed
  return () => {
    state = (state + 0x6D2B79F5) | 0
    let value = Math.imul(state ^ (state >>> 15), 1 | state)
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

const alphabets = ['abcdefghij', 'ABC_-', '.:/@ ', 'éüñçå', 'ツール名前', '😀🚀', '0123456789']

function generatedName (next: () => number): string {
  const length = 1 + Math.floor(next() * (next() < 0.3 ? 90 : 20))
  let name = ''
  while (name.length < length) {
    const alphabet = [...alphabets[Math.floor(next() * alphabets.length)]]
    name += alphabet[Math.floor(next() * alphabet.length)]
  }
  return name
}

t.test('1,000 generated long, unicode and colliding names: every exposed name valid, unique and stable', async (t) => {
  const next = random(20260112)
  const servers = Array.from({ length: 12 }, () => generatedName(next))
  // Names made to collide: the same text with characters that all clean up to '_', and long shared prefixes.
  servers.push('a.b', 'a_b', 'a b', 'x'.repeat(70), `${'x'.repeat(70)}y`)
  const pairs: Array<[string, string]> = []
  for (let index = 0; index < 1000; index++) {
    const server = servers[Math.floor(next() * servers.length)]
    const tool = index % 10 === 0 ? `${'t'.repeat(60)}${index % 3}` : index % 7 === 0 ? ['get.page', 'get_page', 'get page', 'get/page'][index % 4] : generatedName(next)
    pairs.push([server, tool])
  }
  const unique = [...new Map(pairs.map((pair) => [pair.join('\u0000'), pair])).values()]

  for (const maxLength of [48, 64, 16]) {
    const registry = new NameRegistry(maxLength, new Set(['system_status', 'a_b__get_page']))
    const given = new Map<string, string>()
    for (const [server, tool] of unique) given.set(`${server}\u0000${tool}`, registry.nameFor(server, tool))
    const names = [...given.values()]
    t.ok(names.every((name) => VALID_NAME.test(name) && name.length <= maxLength), `every name fits ^[a-zA-Z0-9_-]{1,64}$ and ${maxLength} characters`)
    t.equal(new Set(names).size, names.length, `no two tools share a name (max ${maxLength})`)
    t.notOk(names.includes('system_status') || names.includes('a_b__get_page'), 'reserved names are never given')
    t.ok(unique.every(([server, tool]) => registry.nameFor(server, tool) === given.get(`${server}\u0000${tool}`)), 'asking again gives the same name')
    t.ok(unique.every(([server, tool]) => {
      const owner = registry.resolve(given.get(`${server}\u0000${tool}`)!)
      return owner?.server === server && owner.item === tool
    }), 'every name leads back to its tool')

    // Stable while the server runs: other servers stopping and new tools arriving change nothing.
    const kept = servers[0]
    for (const server of servers.slice(1, 6)) registry.release(server)
    for (let index = 0; index < 200; index++) registry.nameFor(servers[1 + (index % 5)], generatedName(next))
    t.ok(unique.filter(([server]) => server === kept).every(([server, tool]) => registry.nameFor(server, tool) === given.get(`${server}\u0000${tool}`)), 'a running server\'s names survive others coming and going')
  }
})

t.test('plain names stay plain; changed or long ones carry a hash of the original', async (t) => {
  t.equal(safeName('fetch__get_page', 48), 'fetch__get_page')
  t.match(safeName('io.github.user/server__read-file', 48), /^io_github_user_server__read-file_[0-9a-f]{8}$/)
  t.equal(safeName('café__menu', 48).slice(0, 10), 'cafe__menu', 'accents are dropped, not replaced')
  t.not(safeName('a.b__t', 48), safeName('a_b__t', 48))
  t.equal(safeName('x'.repeat(100), 48).length, 48)
  const registry = new NameRegistry(48)
  t.equal(registry.nameFor('a__b', 'c'), 'a__b__c')
  t.match(registry.nameFor('a', 'b__c'), /^a__b__c_[0-9a-f]{8}$/, 'the second of two that come out alike gets a hash')
  registry.release('a__b')
  t.equal(registry.resolve('a__b__c'), undefined, 'a stopped server\'s names are given back')
  t.equal(registry.size, 1)
})

t.test('gateway resource URIs name the server and route back to the original', async (t) => {
  const server = 'io.github.podplay/fixture-echo'
  for (const original of ['file:///home/me/notes.md', 'memo://today?x=1#top', 'db://host/table with space', 'ü://ünïcode/%2F']) {
    const uri = gatewayUri(server, original)
    t.ok(URL.canParse(uri), `${uri} is a URI`)
    t.same(upstreamUri(uri), { server, uri: original })
  }
  const template = gatewayTemplate('fixture-stdio', 'fixture://notes/{id}{?lang}')
  t.equal(template, 'sanctuary://fixture-stdio/t/fixture://notes/{id}{?lang}')
  t.same(upstreamUri('sanctuary://fixture-stdio/t/fixture://notes/a%2Fb?lang=en'), { server: 'fixture-stdio', uri: 'fixture://notes/a%2Fb?lang=en' }, 'a URI the client expanded passes back exactly')
  t.equal(upstreamUri('file:///etc/passwd'), undefined)
  t.equal(upstreamUri('sanctuary://x/r/%E0%A4%A'), undefined, 'a malformed encoding names nothing')
  t.same(rewriteContent('s', [
    { type: 'text', text: 'hi' },
    { type: 'resource_link', uri: 'memo://a', name: 'a' },
    { type: 'resource', resource: { uri: 'memo://b', text: 'b' } }
  ]), [
    { type: 'text', text: 'hi' },
    { type: 'resource_link', uri: 'sanctuary://s/r/memo%3A%2F%2Fa', name: 'a' },
    { type: 'resource', resource: { uri: 'sanctuary://s/r/memo%3A%2F%2Fb', text: 'b' } }
  ])
})
