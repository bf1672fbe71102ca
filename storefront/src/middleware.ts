import { defineMiddleware, sequence } from 'astro:middleware'

import { currentRequestId, REQUEST_ID_HEADER, requestIdFrom, runWithRequestId } from '../../shared/requestContext.ts'
import { pageCache } from './lib/cache'
import { CmsUnavailableError } from './lib/cms'
import { watchCatalogue } from './lib/freshness'
import { log } from './lib/log'

// Every replica follows the catalogue's version from its first request on (lib/freshness.ts).
watchCatalogue()

/** Probes that load balancers send every few seconds: logged only at debug level. */
const PROBES = new Set(['/healthz', '/readyz'])

/**
 * Every request gets a request id (kept from a load balancer's x-request-id when it looks like
 * one), which the REST client passes on to the CMS, and one log line: method, path, status,
 * duration. When the CMS cannot be reached, any page becomes the friendly "back in a moment" page
 * with status 503 (and Retry-After), never a stack trace.
 */
const requestContext = defineMiddleware(async (context, next) => {
  // A rewrite (to the 503 page) runs the middleware again inside the first run: same request.
  if (currentRequestId()) return next()
  const started = performance.now()
  const requestId = requestIdFrom(context.request.headers.get(REQUEST_ID_HEADER))
  const { method } = context.request
  // The path without its query string: search words are the shopper's business.
  const path = context.url.pathname

  const response = await runWithRequestId(requestId, async () => {
    try {
      return await next()
    } catch (error) {
      if (!(error instanceof CmsUnavailableError)) {
        log.error({ requestId, method, path, err: error }, 'page failed')
        throw error
      }
      log.warn({ requestId, method, path, problem: error.message }, 'CMS unavailable: serving the 503 page')
      const page = await context.rewrite('/unavailable')
      const headers = new Headers(page.headers)
      headers.set('Retry-After', '30')
      headers.set('Cache-Control', 'no-store')
      return new Response(page.body, { status: 503, headers })
    }
  })

  try {
    response.headers.set(REQUEST_ID_HEADER, requestId)
  } catch {
    // Some responses (Response.redirect) have immutable headers; the log line still has the id.
  }
  const fields = { requestId, method, path, status: response.status, durationMs: Math.round(performance.now() - started) }
  if (PROBES.has(path) && response.ok) log.debug(fields, 'request')
  else log.info(fields, 'request')
  return response
})

// Request id, log line and the 503 page around the page cache, so cached pages are logged too.
export const onRequest = sequence(requestContext, pageCache)
