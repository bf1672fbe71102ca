import type { CmsSettings } from '../env'

/**
 * Security headers for every CMS response (admin pages, API, images). Next's inline bootstrap
 * scripts and Payload's inline styles need 'unsafe-inline'; everything else comes from this
 * origin. Nothing may frame the admin panel.
 */
export function securityHeaders(settings: Pick<CmsSettings, 'MINIMART_ENV'>, dev = false): [string, string][] {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  const headers: [string, string][] = [
    ['Content-Security-Policy', csp],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ]
  if (settings.MINIMART_ENV === 'production') {
    headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'])
  }
  return headers
}
