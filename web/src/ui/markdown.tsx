import MarkdownIt from 'markdown-it'

/**
 * Markdown without raw HTML: tags in the text are shown as text (html: false), and links other
 * than http(s), mailto and in-page ones are not made (markdown-it refuses javascript:, vbscript:,
 * file: and data: itself). Images become links, so nothing is fetched from elsewhere.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true })
const SAFE_LINK = /^(https?:|mailto:|#|\/(?!\/))/i
markdown.validateLink = (url) => SAFE_LINK.test(url.trim())
markdown.renderer.rules.image = (tokens, index) => {
  const token = tokens[index]
  const source = markdown.utils.escapeHtml(String(token.attrGet('src') ?? ''))
  const label = markdown.utils.escapeHtml(token.content || source)
  return `<a href="${source}" target="_blank" rel="noopener noreferrer">${label}</a>`
}
const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options))
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index].attrSet('target', '_blank')
  tokens[index].attrSet('rel', 'noopener noreferrer')
  return defaultLinkOpen(tokens, index, options, env, self)
}

export function Markdown ({ text, class: className }: { text: string, class?: string }) {
  // The HTML comes from markdown-it with raw HTML off: every character of the text is escaped.
  return <div class={`markdown ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: markdown.render(text) }} />
}
