import type { Category } from '../../schemas/catalog.js'

/** How the original system labelled its categories. */
export const categoryLabels: Record<Category, string> = {
  database: 'Database',
  cloud_services: 'Cloud Services',
  development_tools: 'Development Tools',
  communication: 'Communication',
  ai_ml: 'AI & ML',
  productivity: 'Productivity',
  search_data: 'Search & Data',
  file_system: 'File System',
  web_apis: 'Web APIs',
  security: 'Security',
  monitoring: 'Monitoring',
  content_management: 'Content Management'
}

/** The original's mapping from a project type to the categories it needs; anything else is general. */
const categoriesByProjectType: Record<string, Category[]> = {
  web_development: ['web_apis', 'database'],
  data_science: ['ai_ml', 'database'],
  devops: ['cloud_services', 'development_tools'],
  content_management: ['content_management', 'productivity'],
  general: ['development_tools']
}

export const PER_CATEGORY = 3
export const MAX_RECOMMENDATIONS = 10

export function categoriesFor (projectType: string): Category[] {
  return Object.hasOwn(categoriesByProjectType, projectType) ? categoriesByProjectType[projectType] : categoriesByProjectType.general
}

export function recommendationReason (category: Category, projectType: string): string {
  return `A popular ${categoryLabels[category]} server for ${projectType.replace(/_/g, ' ')} projects`
}
