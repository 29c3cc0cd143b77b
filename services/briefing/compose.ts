import type { BriefingSections } from '../../schemas/briefing.js'

function unavailable (detail: string | null): string {
  return `_Not available right now${detail ? `: ${detail}` : ''}._`
}

function more (shown: number, total: number): string[] {
  return total > shown ? [`- …and ${total - shown} more`] : []
}

function installedPart ({ installed_servers: installed }: BriefingSections): string[] {
  if (!installed.available) return [unavailable(installed.detail)]
  if (installed.total === 0) return ['You have no MCP servers installed yet; the recommendations below are a good place to start.']
  const running = installed.items.filter((server) => server.state === 'running').length
  return [
    `${installed.total} installed, ${running} running:`,
    ...installed.items.map((server) => `- **${server.title}** (\`${server.name}\`): ${server.state}`),
    ...more(installed.items.length, installed.total)
  ]
}

function catalogPart ({ catalog_updates: catalog }: BriefingSections): string[] {
  if (!catalog.available) return [unavailable(catalog.detail)]
  if (catalog.since === null) return [catalog.detail ?? '']
  if (catalog.total === 0) return [`Nothing new or updated since your last briefing (${catalog.since}).`]
  return [
    `Since your last briefing (${catalog.since}):`,
    ...catalog.items.map((change) => `- ${change.change === 'new' ? 'New' : 'Updated'}: **${change.title}** (\`${change.name}\`)${change.version ? ` ${change.version}` : ''}`),
    ...more(catalog.items.length, catalog.total)
  ]
}

function recommendationsPart ({ recommendations }: BriefingSections): string[] {
  if (!recommendations.available) return [unavailable(recommendations.detail)]
  if (recommendations.total === 0) return ['No recommendations today.']
  return recommendations.items.map((item) => `- **${item.title}** (\`${item.name}\`): ${item.reason}`)
}

function topicsPart ({ recent_topics: topics }: BriefingSections): string[] {
  if (!topics.available) return [unavailable(topics.detail)]
  if (topics.total === 0) return ['No conversations with me since the last briefing.']
  return [...topics.items.map((topic) => `- ${topic.title}`), ...more(topics.items.length, topics.total)]
}

function healthPart ({ system_health: health }: BriefingSections): string[] {
  const verdict = health.status === 'ready'
    ? `All ${Object.keys(health.services).length} services are up.`
    : `Not everything is well: ${health.failing.join(', ')} ${health.failing.length === 1 ? 'is' : 'are'} down.`
  return [verdict, `CPU ${health.cpu_usage}%, memory ${health.memory_usage}%, ${health.connected_clients} connected client${health.connected_clients === 1 ? '' : 's'}.`]
}

/** The briefing in Markdown, written by the built-in assistant from the gathered sections alone. */
export function composeBriefing (date: string, sections: BriefingSections): string {
  return [
    `# Your briefing for ${date}`,
    '', '## Your MCP servers', ...installedPart(sections),
    '', '## Catalog news', ...catalogPart(sections),
    '', '## Recommended for you', ...recommendationsPart(sections),
    '', '## Recent conversations', ...topicsPart(sections),
    '', '## System health', ...healthPart(sections),
    '', '_Written by Mama Bear, the built-in assistant._'
  ].join('\n')
}

/** What a language model is asked, so its briefing says the same things in its own words. */
export function briefingPrompt (date: string, sections: BriefingSections): { system: string, prompt: string } {
  return {
    system: 'You are Mama Bear, the assistant of Podplay Sanctuary, a self-hosted MCP workspace for developers. Write short, friendly, factual daily briefings in Markdown.',
    prompt: [
      `Write the user's daily briefing for ${date} from the JSON below, with these sections in this order:`,
      'Your MCP servers; Catalog news; Recommended for you; Recent conversations; System health.',
      'Use only these facts; never invent servers. Where a section is unavailable or empty, say so in one line.',
      '',
      JSON.stringify(sections)
    ].join('\n')
  }
}
