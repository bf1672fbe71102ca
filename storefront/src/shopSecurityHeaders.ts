import { securityHeaders } from '../../shared/securityHeaders.ts'

/**
 * The shop's security headers: the shared set, with the shop's own Content-Security-Policy. The
 * shop runs no third-party code; item photos may come from the CMS's address. Plain TypeScript (no
 * Astro imports): the middleware (securityHeaders.ts) adds them to rendered pages, and
 * storefront/server.ts to the cached pages it answers itself.
 */
export const shopSecurityHeaders = (production: boolean): [string, string][] =>
  securityHeaders({
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
    production,
  })
