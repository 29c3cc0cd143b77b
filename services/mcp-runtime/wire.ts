import type { GetPromptResult, Prompt, ReadResourceResult, Resource, ResourceTemplate } from '@modelcontextprotocol/sdk/types.js'
import type { McpPrompt, McpResource, McpResourceContent, McpResourceTemplate } from '../../schemas/mcp-runtime.js'

/** MCP's camelCase objects in the API's snake_case (DESIGN.md §3); absent fields become null. */

export function wireResource (resource: Resource): McpResource {
  return {
    uri: resource.uri,
    name: resource.name,
    title: resource.title ?? null,
    description: resource.description ?? null,
    mime_type: resource.mimeType ?? null,
    size: resource.size ?? null
  }
}

export function wireResourceTemplate (template: ResourceTemplate): McpResourceTemplate {
  return {
    uri_template: template.uriTemplate,
    name: template.name,
    title: template.title ?? null,
    description: template.description ?? null,
    mime_type: template.mimeType ?? null
  }
}

export function wireContents (result: ReadResourceResult): McpResourceContent[] {
  return result.contents.map((content) => ({
    uri: content.uri,
    mime_type: content.mimeType ?? null,
    ...('text' in content ? { text: content.text } : { blob: content.blob })
  }))
}

export function wirePrompt (prompt: Prompt): McpPrompt {
  return {
    name: prompt.name,
    title: prompt.title ?? null,
    description: prompt.description ?? null,
    arguments: (prompt.arguments ?? []).map((argument) => ({ name: argument.name, description: argument.description ?? null, required: argument.required === true }))
  }
}

/** A prompt's messages keep MCP's content items as they are, like a tool call's content. */
export function wirePromptMessages (result: GetPromptResult) {
  return { description: result.description ?? null, messages: result.messages.map((message) => ({ role: message.role, content: message.content })) }
}
