import { securityHeaders } from '../../shared/securityHeaders.ts'
import type { CmsConfig } from '../config'

/**
 * Security headers for every CMS response (admin pages, API, images): the shared set, with the
 * CMS's own Content-Security-Policy. Scripts run only from this origin and, on pages, only when
 * they carry the page's nonce (Next puts it on its own inline bootstrap scripts when the request
 * carries this policy; 'strict-dynamic' lets them load the admin's chunks). No 'unsafe-inline' for
 * scripts: an injected inline script or a `javascript:` URL does not run. Payload's inline styles
 * still need 'unsafe-inline' for styles. Nothing may frame the admin panel.
 */
export function cmsSecurityHeaders(
  settings: Pick<CmsConfig, 'MINIMART_ENV'>,
  { dev = false, nonce }: { dev?: boolean; nonce?: string } = {},
): [string, string][] {
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'"
  return [
    ...securityHeaders({
      contentSecurityPolicy: [
        "default-src 'self'",
        `script-src ${scripts}${dev ? " 'unsafe-eval'" : ''}`,
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
