/** What the user asked the embedded assistant for, read from their words. */
export type Intent =
  | { kind: 'greeting' }
  | { kind: 'help' }
  | { kind: 'tools' }
  | { kind: 'briefing' }
  | { kind: 'status' }
  | { kind: 'installed' }
  | { kind: 'recommend', projectType: string }
  | { kind: 'search', query: string }
  | { kind: 'unknown', keywords: string }

/** Words that say what the user wants done rather than what they are looking for. */
const STOPWORDS = new Set(`
  a an the i me my we us our you your it its is are was be am do does did can could would should will
  please pls hi hello hey mama bear find search look looking for need needs want wants show give get list
  any some something anything server servers mcp mcps tool tools that which what with to of in on at about
  there here this these those one ones help helps helping let lets let's know tell how
  and or from by up use using used into good best great nice thanks thank
  morning afternoon evening hiya howdy greetings doing going today
  explain describe mean meaning whats what's does tell about
`.split(/\s+/).filter(Boolean))

const PROJECT_TYPES: Array<[RegExp, string]> = [
  [/\b(web|website|frontend|front-end|backend|back-end|api|apis|webapp)\b/, 'web_development'],
  [/\b(data|machine learning|ml|ai|analytics|science|notebooks?)\b/, 'data_science'],
  [/\b(devops|cloud|infrastructure|infra|deploy\w*|kubernetes|k8s|ci|cd|ops)\b/, 'devops'],
  [/\b(content|cms|blog\w*|docs|documentation|writing|publishing)\b/, 'content_management']
]

const PATTERNS = {
  briefing: /\b(briefing|daily (summary|update|digest)|today'?s (summary|update|news)|what'?s new today)\b/,
  status: /\b(status|health|healthy|cpu|memory|uptime|load)\b|\bhow is (the )?(system|server|everything)\b/,
  installed: /\b(what|which|list|show)\b.*\b(installed|running)\b|\bmy (mcp )?servers\b|\binstalled servers\b|\bwhat do i have\b/,
  recommend: /\b(recommend\w*|suggest\w*|what should i (install|use|add))\b/,
  tools: /\bwhat tools\b|\b(list|show)( me)? (your |the |available )?tools\b|\btools (do )?you (have|use|can)\b/,
  search: /\b(find|search|look(ing)? for|need|want|show me|is there|are there|any)\b|\bservers? (for|to|that)\b/,
  help: /\b(help|what can you do|how do i|how does|getting started|commands|capabilities)\b|^\?$/,
  greeting: /^\W*(hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening))\b|\bmama bear\b/
}

/** The words left once the request verbs and filler are removed: what to search the catalog for. */
export function keywordsOf (text: string): string {
  return text.toLowerCase()
    .replace(/[^a-z0-9+#.\- ]+/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^[.-]+|[.-]+$/g, ''))
    .filter((word) => word.length > 1 && !STOPWORDS.has(word))
    .slice(0, 8)
    .join(' ')
}

export function projectTypeOf (text: string): string {
  const lower = text.toLowerCase()
  return PROJECT_TYPES.find(([pattern]) => pattern.test(lower))?.[1] ?? 'general'
}

/**
 * Reads the request, most specific first: "show the status of my servers" is about installed servers
 * rather than the system, and "hello, find me a database server" is a search even though it greets.
 */
export function understand (message: string): Intent {
  const text = message.toLowerCase().trim()
  if (PATTERNS.briefing.test(text)) return { kind: 'briefing' }
  if (PATTERNS.installed.test(text)) return { kind: 'installed' }
  if (PATTERNS.status.test(text)) return { kind: 'status' }
  if (PATTERNS.recommend.test(text)) return { kind: 'recommend', projectType: projectTypeOf(text) }
  if (PATTERNS.tools.test(text)) return { kind: 'tools' }
  const keywords = keywordsOf(text)
  if (PATTERNS.search.test(text) && keywords) return { kind: 'search', query: keywords }
  if (PATTERNS.help.test(text)) return { kind: 'help' }
  if (PATTERNS.greeting.test(text) && !keywords) return { kind: 'greeting' }
  return keywords ? { kind: 'unknown', keywords } : { kind: 'greeting' }
}
