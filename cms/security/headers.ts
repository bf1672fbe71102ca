import type { CmsSettings } from '../env'

import { securityHeaders } from '../../shared/securityHeaders.ts'

/**
 * Security headers for every CMS response (admin pages, API, images): the shared set, with the
 * CMS's own Content-Security-Policy. Next's inline bootstrap scripts and Payload's inline styles
 * need 'unsafe-inline'; everything else comes from this origin. Nothing may frame the admin panel.
 */
export function cmsSecurityHeaders(settings: Pick<CmsSettings, 'MINIMART_ENV'>, dev = false): [string, string][] {
  return [
    ...securityHeaders({
      contentSecurityPolicy: [
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
      ],
      production: settings.MINIMART_ENV === 'production',
    }),
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ]
}
