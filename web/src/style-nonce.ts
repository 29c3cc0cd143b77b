/**
 * The page's Content-Security-Policy allows a <style> element only with this response's nonce
 * (plugins/dashboard.ts puts it in a <meta>). xterm.js writes its measurements and colours into
 * <style> elements it creates itself, with no way to pass a nonce, so every <style> the document
 * creates from now on carries it. Scripts are still only the page's own: this lets the page's
 * code style itself, and markup injected into the page still cannot.
 */
export function stampStyleNonce (): void {
  const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce
  if (!nonce || (document.createElement as { stamped?: boolean }).stamped) return
  const create = document.createElement.bind(document)
  const stamped = ((tagName: string, options?: ElementCreationOptions) => {
    const element = create(tagName, options)
    if (tagName.toLowerCase() === 'style') element.setAttribute('nonce', nonce)
    return element
  }) as typeof document.createElement
  document.createElement = Object.assign(stamped, { stamped: true })
}
