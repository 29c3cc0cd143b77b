import type { CategoryHint } from '../../marketplace/category-hints.js'
import type { RecommendationResult, ServerBrief, ServerSearchResult } from '../tools/shapes.js'
import { CONFIGURE_HINT, IDENTITY, shorten } from './answers.js'
import type { Asked } from './intent.js'

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : noun.endsWith('ch') ? 'es' : 's'}`
const quoted = (words: string[]) => words.map((word) => `"${word}"`).join(', ')

function serverLine (server: ServerBrief, extra?: string): string {
  const facts = [server.category.replace(/_/g, ' '), server.is_official ? 'official' : null, `popularity ${server.popularity_score}`, server.installed ? 'installed' : null]
    .filter(Boolean).join(', ')
  return `- **${server.title}** (\`${server.name}\`): ${shorten(server.description)} _(${facts})_${extra ? `\n  ${extra}` : ''}`
}

const fieldNouns: Record<ServerBrief['needs'][number]['field'], string> = { env: 'environment variable', arguments: 'argument', headers: 'header' }

/** What installing a server takes, or its state when it is installed already. */
function setupNote (server: ServerBrief): string {
  const path = `/api/mcp/installed/${encodeURIComponent(server.name)}`
  if (server.installed) {
    switch (server.state) {
      case 'running': return 'Installed and running: its tools are mine to use now.'
      case 'stopped': return `Installed, stopped: start it with \`POST ${path}/start\`.`
      case 'crashed': return `Installed, but it crashed: see \`GET ${path}/logs\`, then \`POST ${path}/restart\`.`
      default: return `Installed, ${String(server.state)}.`
    }
  }
  if (!server.installable) return `It cannot be installed here: ${server.not_installable_reason}.`
  if (server.needs.length === 0) return 'Not installed; it needs no values, so it installs as it is.'
  const needs = server.needs.map((needed) => `\`${needed.name}\` (${fieldNouns[needed.field]}${needed.secret ? ', secret, stored encrypted' : ''}): ${needed.description}`)
  return `Not installed. Installing it takes ${needs.join('; ')}`
}

/** The install request for the first server that still needs one, with placeholders for its values. */
function installExample (items: ServerBrief[]): string | null {
  const next = items.find((server) => !server.installed && server.installable)
  if (!next) return null
  const body: Record<string, Record<string, string>> = {}
  for (const needed of next.needs) (body[needed.field] ??= {})[needed.name] = '…'
  return `To install \`${next.name}\`, post ${next.needs.length > 0 ? `its values, \`${JSON.stringify(body)}\`, ` : ''}to \`POST /api/mcp/servers/${encodeURIComponent(next.name)}/install\` (or use the marketplace page), then start it with \`POST /api/mcp/installed/${encodeURIComponent(next.name)}/start\`.`
}

function categoryLine (category: CategoryHint): string {
  return `- **${category.label}** (${plural(category.count, 'server')}, e.g. ${category.examples.map((name) => `\`${name}\``).join(', ')})`
}

/** Where to look when nothing matched: the closest categories and how to ask about their servers. */
function elsewhere (categories: CategoryHint[]): string[] {
  if (categories.length === 0) return []
  return [
    '',
    'The closest categories in the marketplace:',
    ...categories.map(categoryLine),
    '',
    `Ask me about one of their servers by name (for example "how do I set up ${categories[0].examples[0]}"), or to recommend servers for your kind of project.`
  ]
}

export function searchAnswer (result: ServerSearchResult, asked: Asked): string {
  const about = result.query ? `"${result.query}"` : 'your request'
  if (result.items.length === 0) {
    const intro = asked === 'guess'
      ? `I'm the ${IDENTITY}, so I can't discuss that freely, and the marketplace has nothing matching ${about}.`
      : `I'm the ${IDENTITY} and I found no MCP servers matching ${about}.`
    return [intro, ...elsewhere(result.closest_categories), ...(asked === 'guess' ? ['', CONFIGURE_HINT] : [])].join('\n')
  }
  const matches = plural(result.total, 'match')
  const intro = {
    guess: `I'm the ${IDENTITY}, so I answer from the marketplace: these MCP servers match ${about}.`,
    find: `Here is what I found in the marketplace for ${about} (${matches}):`,
    setup: `Here are the servers for ${about} (${matches}), with what setting each up takes and the state of yours:`
  }[asked]
  const unmatched = result.unmatched_words.length > 0
    ? [`No server mentions ${quoted(result.unmatched_words)}; these match the rest of your words.`]
    : []
  const lines = result.items.map((server) => asked === 'setup' ? serverLine(server, setupNote(server)) : serverLine(server))
  const closing = asked === 'setup'
    ? installExample(result.items) ?? 'Ask me about another need whenever you like.'
    : `Install one from the marketplace, or ask me how to set one up (for example "how do I set up ${result.items[0].name}").`
  const near = result.unmatched_words.length > 0 && result.closest_categories.length > 0
    ? ['', `For ${quoted(result.unmatched_words)}, the closest categories are:`, ...result.closest_categories.map(categoryLine)]
    : []
  return [intro, ...unmatched, '', ...lines, '', closing, ...near].join('\n')
}

export function recommendationAnswer (result: RecommendationResult): string {
  const kind = result.project_type === 'general' ? 'general development' : result.project_type.replace(/_/g, ' ')
  if (result.items.length === 0) return `I have no recommendations for ${kind} right now.`
  return [
    `My recommendations for ${kind}:`,
    '',
    ...result.items.map((server) => serverLine(server, server.reason)),
    '',
    'Say "recommend for web development" (or data science, devops, content) for another kind of project.'
  ].join('\n')
}
