import MiniSearch from 'minisearch'
import { stemmer } from 'stemmer'
import { categoryNames, type Category } from '../../schemas/catalog.js'
import { categoryLabels } from './recommendations.js'
import { normalizeTerm } from './vocabulary.js'

/**
 * What each category is about, in the words people use for it, including products and tasks no
 * server in the catalog names yet: a search that finds no server can still say where to look.
 */
const categoryWords: Record<Category, string> = {
  database: 'databases and data stores: SQL, tables, schemas, queries, MySQL, MariaDB, SQL Server, Oracle, Postgres, SQLite, NoSQL, key-value stores, caches, document stores, Cassandra, DynamoDB, Elasticsearch, vector databases, data warehouses, BigQuery, Snowflake',
  cloud_services: 'cloud platforms and infrastructure: AWS, Amazon, Azure, Google Cloud, GCP, Kubernetes, Docker, containers, clusters, serverless, hosting, deployment, DNS, CDN, storage buckets, S3, Terraform, virtual machines',
  development_tools: 'software development: source code, repositories, Git, GitHub, GitLab, Bitbucket, pull requests, code review, CI/CD, builds, pipelines, Jenkins, tests, debugging, compilers, package managers, npm, IDEs, editors, programming, library documentation',
  communication: 'messaging and communication: chat, Slack, Discord, Microsoft Teams, Telegram, WhatsApp, email, Gmail, Outlook, SMS, Twilio, notifications, video calls, Zoom',
  ai_ml: 'artificial intelligence and machine learning: models, LLMs, embeddings, memory for assistants, reasoning, agents, training, inference, Hugging Face, OpenAI, image generation, speech',
  productivity: 'productivity and work management: tasks, to-do lists, projects, issues, tickets, Jira, Trello, Asana, Linear, notes, Notion, wikis, calendars, scheduling, meetings, spreadsheets, Excel, Google Sheets, time zones',
  search_data: 'search and research: web search, news, Google search, Bing, research, crawling, scraping, data extraction, summaries, knowledge',
  file_system: 'files and storage: local files, folders, directories, documents, PDF, Google Drive, Dropbox, OneDrive, Box, uploads, file sharing',
  web_apis: 'the web and its APIs: HTTP, REST, GraphQL, webhooks, browsers, browser automation, screenshots, maps, location, payments, e-commerce, Shopify, weather, URLs',
  security: 'security: secrets, passwords, vaults, vulnerabilities, scanning, authentication, OAuth, certificates, encryption, penetration testing, compliance',
  monitoring: 'monitoring and observability: errors, logs, metrics, traces, alerts, dashboards, uptime, incidents, Prometheus, Datadog, New Relic, PagerDuty, performance',
  content_management: 'content management and publishing: CMS, websites, blogs, WordPress, Contentful, Strapi, Ghost, articles, media, images, video, YouTube, social media, marketing'
}

/** A category offered instead of servers, with a few of its most popular ones. */
export interface CategoryHint {
  name: Category
  label: string
  count: number
  examples: string[]
}

/** Stemmed, so "deployments" finds "deployment" and "emails" finds "email". */
function processTerm (term: string): string | null {
  const word = normalizeTerm(term)
  return word ? stemmer(word) : null
}

/** Ranks the categories by how close their descriptions are to a few words. */
export class CategoryFinder {
  private readonly index = new MiniSearch<{ name: Category }>({
    idField: 'name',
    fields: ['label', 'words'],
    extractField: ({ name }, field) => ({ name, label: `${categoryLabels[name]} ${name}`, words: categoryWords[name] })[field] ?? '',
    processTerm
  })

  constructor () {
    this.index.addAll(categoryNames.map((name) => ({ name })))
  }

  /** The categories whose descriptions share words with the query, closest first. */
  closest (query: string): Category[] {
    return this.index.search(query, {
      boost: { label: 2 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false)
    }).map((result) => result.id as Category)
  }
}
