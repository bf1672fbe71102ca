import { defineMiddleware } from 'astro:middleware'
import { shopConfig } from './config'

import { shopSecurityHeaders } from './shopSecurityHeaders.ts'

/**
 * Security headers on every shop response (shopSecurityHeaders.ts), added by the small
 * integration in astro.config.mjs (so it runs around src/middleware.ts).
 */
const HEADERS = shopSecurityHeaders(shopConfig.production)

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next()
  try {
    for (const [name, value] of HEADERS) response.headers.set(name, value)
  } catch {
    // Response.redirect() has immutable headers; a redirect carries no content to protect.
  }
  return response
})
