import { categoryNames, type Category } from '../../schemas/catalog.js'

/**
 * Words that point to a category. Registries publish no category, so an imported entry gets the
 * one whose words its name, title, description and tags mention most (and is marked inferred).
 */
const categoryWords: Record<Category, string[]> = {
  database: ['database', 'databases', 'sql', 'postgres', 'postgresql', 'mysql', 'sqlite', 'mongodb', 'mongo', 'redis', 'db', 'supabase', 'clickhouse', 'duckdb', 'motherduck', 'neo4j', 'qdrant', 'chroma', 'pinecone', 'milvus', 'weaviate', 'elasticsearch', 'cassandra', 'couchbase', 'bigquery', 'snowflake', 'mssql', 'dynamodb', 'firestore', 'vector', 'iotdb', 'greptimedb', 'oceanbase', 'warehouse', 'neon'],
  cloud_services: ['aws', 'azure', 'gcp', 'cloud', 'cloudflare', 'kubernetes', 'k8s', 'docker', 'heroku', 'vercel', 'netlify', 'terraform', 'pulumi', 'lambda', 's3', 'serverless', 'deploy', 'deployment', 'infrastructure', 'nomad', 'aliyun', 'alibaba'],
  development_tools: ['github', 'gitlab', 'git', 'code', 'coding', 'developer', 'developers', 'ide', 'debug', 'debugging', 'ci', 'circleci', 'jenkins', 'compiler', 'lint', 'testing', 'repository', 'repositories', 'sdk', 'programming', 'devtools', 'pull', 'commit'],
  communication: ['slack', 'email', 'mail', 'gmail', 'discord', 'telegram', 'chat', 'message', 'messages', 'messaging', 'sms', 'twilio', 'whatsapp', 'teams', 'zoom', 'notification', 'notifications'],
  ai_ml: ['ai', 'ml', 'llm', 'llms', 'model', 'models', 'openai', 'anthropic', 'embedding', 'embeddings', 'rag', 'agent', 'agents', 'learning', 'inference', 'memory', 'reasoning', 'thinking', 'huggingface', 'prompt', 'prompts', 'neural'],
  productivity: ['notion', 'todo', 'task', 'tasks', 'calendar', 'notes', 'note', 'obsidian', 'linear', 'jira', 'trello', 'asana', 'time', 'schedule', 'productivity', 'ticktick', 'todoist', 'spreadsheet', 'sheets', 'excel', 'office', 'project'],
  search_data: ['search', 'scrape', 'scraping', 'crawl', 'crawler', 'crawling', 'brave', 'exa', 'tavily', 'kagi', 'data', 'dataset', 'datasets', 'analytics', 'news', 'research', 'wikipedia', 'finance', 'stock', 'stocks'],
  file_system: ['file', 'files', 'filesystem', 'directory', 'directories', 'folder', 'folders', 'drive', 'storage', 'dropbox', 'upload', 'download', 'pdf'],
  web_apis: ['http', 'fetch', 'browser', 'puppeteer', 'playwright', 'web', 'api', 'apis', 'rest', 'graphql', 'url', 'maps', 'weather', 'stripe', 'payment', 'payments', 'openapi', 'webhook', 'shopify'],
  security: ['security', 'vulnerability', 'vulnerabilities', 'scan', 'scanner', 'authentication', 'secrets', 'pentest', 'cve', 'threat', 'malware', 'encryption', 'password', 'passwords', 'firewall', 'audit'],
  monitoring: ['monitor', 'monitoring', 'metrics', 'logs', 'logging', 'observability', 'grafana', 'prometheus', 'sentry', 'datadog', 'alert', 'alerts', 'alerting', 'tracing', 'apm', 'incident', 'incidents', 'uptime'],
  content_management: ['cms', 'content', 'wordpress', 'contentful', 'drupal', 'strapi', 'sanity', 'blog', 'markdown', 'publish', 'publishing', 'media', 'video', 'image', 'images', 'youtube', 'ghost', 'documentation', 'docs', 'wiki']
}

const categoryOfWord = new Map<string, Category>()
for (const category of categoryNames) {
  for (const word of categoryWords[category]) categoryOfWord.set(word, category)
}

/** Where nothing matches: the original system's catch-all for general projects. */
const FALLBACK: Category = 'development_tools'

/** The category the text mentions most; ties go to the earlier category in the original's order. */
export function inferCategory (texts: string[]): Category {
  const counts = new Map<Category, number>()
  for (const word of texts.join(' ').toLowerCase().split(/[^a-z0-9]+/)) {
    const category = categoryOfWord.get(word)
    if (category) counts.set(category, (counts.get(category) ?? 0) + 1)
  }
  let best: Category = FALLBACK
  let bestCount = 0
  for (const category of categoryNames) {
    const count = counts.get(category) ?? 0
    if (count > bestCount) {
      best = category
      bestCount = count
    }
  }
  return best
}
