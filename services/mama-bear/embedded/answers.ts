import type { SystemStatus } from '../../../schemas/health.js'
import type { ToolSpec } from '../providers/types.js'
import type { BriefingResult, InstalledServersResult } from '../tools/shapes.js'

export const IDENTITY = 'built-in assistant'
const DESCRIPTION_LENGTH = 140

/** Every embedded answer says what it is, so nobody mistakes it for a language model. */
export function signed (text: string): string {
  return text.includes(IDENTITY) ? text : `Mama Bear here, your ${IDENTITY}. ${text}`
}

export function shorten (text: string): string {
  return text.length > DESCRIPTION_LENGTH ? `${text.slice(0, DESCRIPTION_LENGTH - 1)}…` : text
}

export const CONFIGURE_HINT = 'For open-ended questions, an administrator can connect a language model with PODPLAY_AI_PROVIDER (openai, anthropic or gemini).'

export function greeting (): string {
  return [
    `Hello! I'm Mama Bear, Podplay Sanctuary's ${IDENTITY}. I run right here on your server, no internet needed.`,
    '',
    'I can find MCP servers in the marketplace, tell you what setting one up takes, recommend some for your kind of project, tell you what you have installed and running, give you today\'s briefing and report the system status. Ask me "help" to see how.'
  ].join('\n')
}

export function help (tools: ToolSpec[]): string {
  const offered = new Set(tools.map((tool) => tool.name))
  const lines = [
    `I'm Mama Bear, the ${IDENTITY} of Podplay Sanctuary. Try asking me:`,
    '',
    offered.has('marketplace_search') ? '- "Find a database server" or "I need something for Slack": I search the MCP marketplace.' : null,
    offered.has('marketplace_search') ? '- "How do I connect to my PostgreSQL database?": the servers that can, what installing them takes, and whether yours is running.' : null,
    offered.has('marketplace_recommendations') ? '- "Recommend servers for web development" (or data science, devops, content): my picks for a kind of project.' : null,
    offered.has('installed_servers') ? '- "What is installed?" or "Which servers are running?": your servers and their state.' : null,
    offered.has('daily_briefing') ? '- "Today\'s briefing": what changed, what is running and what I recommend.' : null,
    offered.has('system_status') ? '- "System status": services, CPU, memory and connected clients.' : null,
    '- "What tools do you have?": everything I can use, including your running MCP servers\' tools.',
    '',
    CONFIGURE_HINT
  ]
  return lines.filter((line) => line !== null).join('\n')
}

export function toolList (tools: ToolSpec[]): string {
  if (tools.length === 0) return `I'm the ${IDENTITY} and no tools are available to me right now.`
  return [
    `As the ${IDENTITY} I can use these tools (your running MCP servers add theirs):`,
    '',
    ...tools.map((tool) => `- \`${tool.name}\`: ${shorten(tool.description)}`)
  ].join('\n')
}

export function unavailable (what: string): string {
  return `I'm the ${IDENTITY}, and ${what} is not available on this server right now, so I cannot answer that. Ask me "help" to see what I can do.`
}

export function toolFailed (name: string, message: string): string {
  return `I'm the ${IDENTITY}. I tried to use \`${name}\`, but it failed: ${message}`
}

export function installedAnswer (result: InstalledServersResult): string {
  if (result.items.length === 0) return 'You have no MCP servers installed yet. Ask me to find one, for example "find a database server".'
  const running = result.items.filter((server) => server.state === 'running').length
  return [
    `You have ${result.items.length} MCP server${result.items.length === 1 ? '' : 's'} installed, ${running} running:`,
    '',
    ...result.items.map((server) => `- **${server.title}** (\`${server.name}\`): ${server.state}`)
  ].join('\n')
}

export function statusAnswer (status: SystemStatus): string {
  const services = Object.entries(status.services)
  const down = services.filter(([, state]) => state === 'down').map(([name]) => name)
  const figures = status.system
  return [
    down.length === 0
      ? `All ${services.length} services are up.`
      : `${down.length} of ${services.length} services are down: ${down.join(', ')}.`,
    '',
    `- CPU (this process): ${figures.cpu_usage}%`,
    `- Memory: ${figures.memory_usage}% of the machine (${Math.round(figures.memory_rss_bytes / 1_048_576)} MiB)`,
    `- Open workspaces: ${figures.active_workspaces}, terminals: ${figures.active_terminals}, connected clients: ${figures.connected_clients}`,
    '',
    `Measured at ${status.timestamp}.`
  ].join('\n')
}

export function briefingAnswer (result: BriefingResult): string {
  return `Here is your briefing for ${result.date}:\n\n${result.content}`
}

export function rawResult (name: string, content: string): string {
  return `\`${name}\` answered:\n\n${content}`
}
