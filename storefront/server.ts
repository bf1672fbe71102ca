/**
 * Starts the built storefront (`astro build`): checks the environment first and lists every
 * problem at once, then serves Astro's standalone handler (pages and static files) in a server
 * that stops gracefully on SIGTERM/SIGINT: requests in flight finish, then the process exits 0.
 * Usage: node storefront/server.ts   (HOST/PORT, default 127.0.0.1:4321 locally, 0.0.0.0:4321 in production)
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import compression from 'compression'
import { environmentOrExit } from '../shared/env.ts'
import { createGracefulServer } from '../shared/gracefulServer.ts'
import { listenHost } from '../shared/listenHost.ts'
import { createLogger } from '../shared/logger.ts'
import { REQUEST_ID_HEADER, requestIdFrom } from '../shared/requestContext.ts'
import { readShopConfig } from './src/config.ts'
import type { PageLookup } from './src/lib/cache.ts'
import { encodedBody, encodedHeaders, preferredEncoding } from './src/lib/encoding.ts'
import { shopSecurityHeaders } from './src/shopSecurityHeaders.ts'

// One .env at the repository root serves both apps; real environment variables win.
const env = environmentOrExit(readShopConfig)

const logger = createLogger({ name: 'storefront', json: env.MINIMART_ENV === 'production', level: env.LOG_LEVEL })

// This file starts the server itself; the build's entry only provides the handler.
process.env.ASTRO_NODE_AUTOSTART = 'disabled'
const { handler } = await import(new URL('./dist/server/entry.mjs', import.meta.url).href)
// Registered by src/lib/cache.ts once Astro has loaded it (at the first page it renders).
const cachedPage: PageLookup = (url) =>
  ((globalThis as Record<symbol, unknown>)[Symbol.for('minimart.pageCache')] as PageLookup | undefined)?.(url)

// What src/securityHeaders.ts adds to every rendered page: cached pages get them here.
const securityHeaders = shopSecurityHeaders(env.production)

// HTML, CSS and the rest of the text Astro sends, gzip or brotli as the browser asks. (Typed for
// Express; it only uses what Node's own request and response have.)
const compress = compression() as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void

const server = createGracefulServer(
  (req, res) => {
    if (!serveCachedPage(req, res)) compress(req, res, () => handler(req, res))
  },
  { logger },
)
const host = listenHost(env.MINIMART_ENV, env.HOST, '0.0.0.0')
server.listen(env.PORT, host, () => {
  logger.info({ host, port: env.PORT }, `storefront ready on http://localhost:${env.PORT}`)
})

/**
 * A page the cache holds is answered here, before Astro's routing, middleware and rendering,
 * already compressed (each encoding once per cached page): a hit costs a lookup and a write.
 * The request id and the log line are what the middleware (src/middleware.ts) gives other pages.
 */
function serveCachedPage(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || !req.headers.host) return false
  const started = performance.now()
  let url: URL
  try {
    // As Astro's node adapter builds the request URL; a different origin only misses the cache.
    url = new URL(req.url ?? '/', `http://${req.headers.host}`)
  } catch {
    return false
  }
  const page = cachedPage(url)
  if (!page) return false
  const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER] as string | undefined)
  const encoding = preferredEncoding(req.headers['accept-encoding'])
  const body = encodedBody(page.variants, encoding)
  res.writeHead(
    page.status,
    [...encodedHeaders(page.headers, encoding, body), ...securityHeaders, [REQUEST_ID_HEADER, requestId], ['x-cache', 'HIT']].flat(),
  )
  res.end(body)
  logger.info(
    { requestId, method: 'GET', path: url.pathname, status: page.status, durationMs: Math.round(performance.now() - started) },
    'request',
  )
  return true
}
