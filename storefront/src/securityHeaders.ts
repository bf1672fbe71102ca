import { defineMiddleware } from 'astro:middleware'
import { shopConfig } from './config'

import { securityHeaders } from '../../shared/securityHeaders.ts'

/**
 * Security headers on every shop response, added by the small integration in astro.config.mjs
 * (so it runs around src/middleware.ts): the shared set, with the shop's own
 * Content-Security-Policy. The shop runs no third-party code; item photos may come from the
 * CMS's address.
 */
const HEADERS = securityHeaders({
  contentSecurityPolicy: [
    "default-src 'self'",
    // The shop runs no inline script (JSON-LD is data, not script): nothing injected can run.
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https: http:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ],
  production: shopConfig.MINIMART_ENV === 'production',
})

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next()
  try {
    for (const [name, value] of HEADERS) response.headers.set(name, value)
  } catch {
    // Response.redirect() has immutable headers; a redirect carries no content to protect.
  }
  return response
})
