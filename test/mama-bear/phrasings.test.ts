import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { tokenFor } from '../helper.js'
import { buildApp, chat } from './setup.js'

/**
 * The built-in assistant, asked the way people write, through POST /api/chat on the real app with
 * the bundled catalog: each phrasing and the server, or the kind of answer, it must give.
 */
const built = await buildApp(t)

interface Reply {
  response: string
  tool_calls: Array<{ name: string, arguments: Record<string, unknown>, result: string | null, is_error: boolean }>
}

interface SearchResult {
  total: number
  items: Array<{ name: string, needs: Array<{ name: string }>, installed: boolean, state?: string }>
  unmatched_words: string[]
  closest_categories: Array<{ label: string }>
}

type Check = (t: Test, reply: Reply) => void

function searched (t: Test, reply: Reply, query?: string): SearchResult {
  t.match(reply.tool_calls, [{ name: 'marketplace_search', is_error: false }], 'the catalog is searched')
  t.equal(reply.tool_calls.length, 1)
  if (query !== undefined) t.equal(reply.tool_calls[0].arguments.query, query, 'for the words that name the need')
  return JSON.parse(reply.tool_calls[0].result as string) as SearchResult
}

/** Matching servers, the first one first, each named in the answer. */
const finds = (first: string, ...others: string[]): Check => (t, reply) => {
  const result = searched(t, reply)
  t.equal(result.items[0]?.name, first, `${first} comes first`)
  for (const name of [first, ...others]) {
    t.ok(result.items.some((server) => server.name === name), `${name} matches`)
    t.match(reply.response, `\`${name}\``)
  }
  t.match(reply.response, /found in the marketplace for|I answer from the marketplace/)
}

/** The matching server with what installing it takes. */
const setsUp = (server: string, ...needs: string[]): Check => (t, reply) => {
  const result = searched(t, reply)
  const found = result.items.find((item) => item.name === server)
  t.ok(found, `${server} matches`)
  t.same(found?.needs.map((needed) => needed.name), needs, 'the values it needs are in the tool result')
  t.match(reply.response, /with what setting each up takes and the state of yours/)
  t.match(reply.response, `(\`${server}\`)`)
  t.match(reply.response, needs.length > 0 ? /Not installed\. Installing it takes/ : /it needs no values/)
  for (const name of needs) t.match(reply.response, `\`${name}\``)
}

/** Nothing in the catalog: said so, with the closest category instead of the generic help. */
const nothing = (category: string, query?: string): Check => (t, reply) => {
  const result = searched(t, reply, query)
  t.equal(result.total, 0)
  t.equal(result.closest_categories[0]?.label, category, `${category} is the closest category`)
  t.match(reply.response, /found no MCP servers matching|the marketplace has nothing matching/)
  t.match(reply.response, `**${category}**`)
  t.notMatch(reply.response, /Try asking me/, 'not the help text')
}

const recommends = (projectType: string): Check => (t, reply) => {
  t.match(reply.tool_calls, [{ name: 'marketplace_recommendations', arguments: { project_type: projectType } }])
  t.match(reply.response, /My recommendations for/)
}

const calls = (tool: string, answer: RegExp): Check => (t, reply) => {
  t.match(reply.tool_calls, [{ name: tool, is_error: false }])
  t.equal(reply.tool_calls.length, 1)
  t.match(reply.response, answer)
}

/** The words beside a product topic name no server: the topic's answer, after the search that said so. */
const searchesThen = (tool: string, answer: RegExp): Check => (t, reply) => {
  t.match(reply.tool_calls, [{ name: 'marketplace_search' }, { name: tool, is_error: false }])
  t.equal(reply.tool_calls.length, 2)
  t.match(reply.response, answer)
}

const says = (answer: RegExp): Check => (t, reply) => {
  t.same(reply.tool_calls, [], 'no tool is needed')
  t.match(reply.response, answer)
}

const status = calls('system_status', /services are up/)
const installed = calls('installed_servers', /no MCP servers installed yet/)
const briefing = calls('daily_briefing', /Here is your briefing for \d{4}-\d{2}-\d{2}/)
const greeting = says(/Hello! I'm Mama Bear/)
const help = says(/Try asking me/)
const tools = says(/I can use these tools/)

const phrasings: Array<[string, Check]> = [
  // Needs, whatever the verb around them.
  ['I need an MCP server to query my PostgreSQL database. What do you suggest?', finds('postgres')],
  ['I need something for Slack messages', finds('slack')],
  ['Is there a server for taking screenshots?', finds('puppeteer', 'playwright')],
  ['I want to scrape websites', finds('firecrawl')],
  ["I'd like to automate my browser tests", finds('playwright', 'puppeteer')],
  ['looking for a vector database', finds('chroma', 'qdrant')],
  ['Any servers for error monitoring?', finds('sentry')],
  ['I need persistent memory for my agent', finds('memory')],
  ['We want to take payments with Stripe', finds('stripe')],
  ['Is there anything for Google Drive?', finds('gdrive')],
  ['I need to read and write local files', finds('filesystem')],
  ['where can I find a Git server', finds('git', 'github', 'gitlab')],
  ['do you have anything for GitLab merge requests', finds('gitlab')],
  ["what's a good server for dashboards and alerting", finds('grafana')],
  ['what would help with web search', finds('brave-search')],
  ['search the marketplace for redis', finds('redis')],
  ['hello, can you find a database server?', finds('mongodb', 'postgres')],
  ['postgres', finds('postgres')],
  // "How do I connect / use / set up X": what installing takes.
  ['how do I connect to my postgres database', setsUp('postgres', 'database_url')],
  ['How do I use GitHub?', setsUp('github', 'GITHUB_PERSONAL_ACCESS_TOKEN')],
  ['how can I set up slack', setsUp('slack', 'SLACK_BOT_TOKEN', 'SLACK_TEAM_ID')],
  ['connect me to Redis', setsUp('redis')],
  ['What does installing Notion take?', setsUp('notion', 'NOTION_TOKEN')],
  ['how do I query clickhouse?', setsUp('clickhouse', 'CLICKHOUSE_HOST', 'CLICKHOUSE_USER', 'CLICKHOUSE_PASSWORD')],
  // The state of a named server is asked like setting it up: the answer says whether it is installed.
  ['Is my postgres server running?', setsUp('postgres', 'database_url')],
  ['status of the github server', setsUp('github', 'GITHUB_PERSONAL_ACCESS_TOKEN')],
  // A kind of project and nothing named: the project type's recommendations.
  ['Recommend servers for web development', recommends('web_development')],
  ['What should I install for a data science project?', recommends('data_science')],
  ['what do you suggest for my blog', recommends('content_management')],
  ['I work in devops, any suggestions?', recommends('devops')],
  ["I'm building a website, what would help?", recommends('web_development')],
  ['recommend something', recommends('general')],
  // Named, but not in the catalog: said so, with the closest categories.
  ['recommend something for kubernetes', nothing('Cloud Services', 'kubernetes')],
  ['is there a server for sending emails', nothing('Communication')],
  ['I need Jira', nothing('Productivity', 'jira')],
  ['any MySQL servers?', nothing('Database', 'mysql')],
  ['deploying to kubernetes', nothing('Cloud Services', 'kubernetes')],
  // The system's status.
  ['How is the system status?', status],
  ["what's the cpu load", status],
  ['how is the server doing? memory?', status],
  ['Is everything healthy?', status],
  ["what's the current memory usage?", searchesThen('system_status', /services are up/)],
  ['how much memory is free?', searchesThen('system_status', /services are up/)],
  ["how's everything going?", status],
  // Installed and running servers.
  ['What is installed?', installed],
  ['Which servers are running?', installed],
  ['show the status of my servers', installed],
  ['Is there anything running?', installed],
  ['is my wordpress server running?', searchesThen('installed_servers', /no MCP servers installed yet/)],
  ['are any of my servers crashed?', installed],
  // The briefing.
  ['Give me the daily briefing', briefing],
  ["What's today's briefing?", briefing],
  ["what's new today?", briefing],
  // Greetings, help and tools.
  ['Hello Mama Bear', greeting],
  ['Good morning!', greeting],
  ['thanks!', greeting],
  ['help', help],
  ['what can you do?', help],
  ['How do I get started?', help],
  ['What tools do you have?', tools],
  ['list your tools', tools],
  // Nonsense.
  ['Explain qqzzxxjj', nothing('Database', 'qqzzxxjj')],
  ['asdf qwer zxcv', nothing('Database')]
]

t.test('each phrasing gets the server or the kind of answer it asks for', async (t) => {
  t.ok(phrasings.length >= 40)
  t.equal(new Set(phrasings.map(([message]) => message.toLowerCase())).size, phrasings.length, 'all different')
  const token = await tokenFor(built.app, 'asker', ['read', 'write'])
  for (const [message, check] of phrasings) {
    await t.test(message, async (t) => {
      const response = await chat(built, message, {}, token)
      t.equal(response.statusCode, 200)
      const reply = response.json() as Reply
      check(t, reply)
      t.match(reply.response, /built-in assistant/, 'it says what it is')
    })
  }
})

t.test('a setup question says whether the server can be installed, and whether it is stopped, running or crashed', async (t) => {
  const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'shout-server.mjs')
  const shout = 'io.github.podplay/shout'
  const server = (name: string, title: string, description: string, launch: Record<string, unknown>) => ({ name, title, description, last_updated: '2026-01-01', ...launch })
  await built.app.marketplace.importCatalog({
    version: '1.0.0',
    last_updated: '2026-01-01',
    description: 'servers this test can run, or not',
    servers: [
      server(shout, 'Shout', 'Says your words in capitals', { command: { command: process.execPath, args: [fixture] } }),
      server('io.github.podplay/crashy', 'Crashy', 'Exits as soon as it starts', { command: { command: process.execPath, args: ['-e', 'process.exit(3)'] } }),
      server('io.github.podplay/rusty', 'Rusty', 'Published only as a Rust crate', { packages: [{ registry_type: 'cargo', identifier: 'rusty-mcp', transport: 'stdio' }] })
    ]
  })
  const token = await tokenFor(built.app, 'runner', ['read', 'write'])
  const ask = async (message: string) => (await chat(built, message, {}, token)).json() as Reply
  const install = async (name: string) => (await built.app.inject({ method: 'POST', url: `/api/mcp/servers/${encodeURIComponent(name)}/install`, headers: built.auth(token), payload: {} })).statusCode
  const path = (name: string) => `/api/mcp/installed/${encodeURIComponent(name)}`

  t.match((await ask('how do I use shout?')).response, /Not installed; it needs no values/)
  t.match((await ask('how do I set up rusty')).response, /It cannot be installed here: .*published only as cargo package/)

  t.equal(await install(shout), 201)
  const stopped = await ask('how do I use shout?')
  t.match(JSON.parse(stopped.tool_calls[0].result as string), { items: [{ name: shout, installed: true, state: 'stopped' }] })
  t.match(stopped.response, `Installed, stopped: start it with \`POST ${path(shout)}/start\``)

  t.equal((await built.app.inject({ method: 'POST', url: `${path(shout)}/start`, headers: built.auth(token) })).json().state, 'running')
  t.teardown(() => built.app.inject({ method: 'POST', url: `${path(shout)}/stop`, headers: built.auth(token) }))
  const running = await ask('How do I connect to shout')
  t.match(JSON.parse(running.tool_calls[0].result as string), { items: [{ name: shout, state: 'running' }] })
  t.match(running.response, /Installed and running: its tools are mine to use now/)

  t.equal(await install('io.github.podplay/crashy'), 201)
  await built.app.inject({ method: 'POST', url: `${path('io.github.podplay/crashy')}/start`, headers: built.auth(token) })
  t.match((await ask('how do I use crashy')).response, `Installed, but it crashed: see \`GET ${path('io.github.podplay/crashy')}/logs\``)
})

t.test('words the catalog lacks are named, beside the servers that match the rest', async (t) => {
  const reply = (await chat(built, 'I need a server for my kubernetes cluster')).json() as Reply
  const result = searched(t, reply, 'kubernetes cluster')
  t.same(result.unmatched_words, ['kubernetes'])
  t.equal(result.items[0].name, 'mongodb', 'Atlas clusters match "cluster"')
  t.match(reply.response, /No server mentions "kubernetes"; these match the rest of your words/)
  t.match(reply.response, /For "kubernetes", the closest categories are:\n- \*\*Cloud Services\*\*/)

  const vague = (await chat(built, 'find a private database')).json() as Reply
  t.match(searched(t, vague, 'private database'), { unmatched_words: ['private'], closest_categories: [] }, 'no category is close to "private"')
  t.match(vague.response, /No server mentions "private"/)
  t.notMatch(vague.response, /closest categories/)
})
