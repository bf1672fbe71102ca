import { defineMiddleware } from 'astro:middleware'
import { MINIMART_ENV } from 'astro:env/server'

/**
 * Security headers on every shop response, added by the small integration in astro.config.mjs
 * (so it runs around src/middleware.ts). The shop runs no third-party code; item photos may
 * come from the CMS's address.
 */
const CONTENT_SECURITY_POLICY = [
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
].join('; ')

const HEADERS: [string, string][] = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Frame-Options', 'DENY'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
  ...(MINIMART_ENV === 'production' ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]] : []),
]

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next()
  try {
    for (const [name, value] of HEADERS) response.headers.set(name, value)
  } catch {
    // Response.redirect() has immutable headers; a redirect carries no content to protect.
  }
  return response
})
