import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import preact from '@preact/preset-vite'
import { compression } from 'vite-plugin-compression2'

const root = fileURLToPath(new URL('.', import.meta.url))
/** Where `npm run dev` forwards everything that is not the page: the service started beside it. */
const service = process.env.PODPLAY_DEV_SERVICE ?? 'http://127.0.0.1:3000'
const proxied = ['/api', '/socket.io', '/mcp', '/health', '/docs', '/openapi.json', '/asyncapi.json', '/metrics']

/**
 * The dashboard: built by `npm run build` into dist/web (served by plugins/dashboard.ts), served
 * with hot reload by `npm run dev`, which forwards the API and both kinds of WebSocket to the
 * service. Host and Origin stay the page's own, so the service sees same-origin requests.
 */
export default defineConfig({
  root,
  plugins: [
    preact(),
    // Pre-compressed copies, which @fastify/static serves to browsers that accept them.
    compression({ algorithms: ['gzip', 'brotliCompress'], include: /\.(js|css|svg|map)$/ })
  ],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // Nothing becomes a data: URL, so the Content-Security-Policy needs no data: for scripts or styles.
    assetsInlineLimit: 0
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: service, ws: true }]))
  }
})
