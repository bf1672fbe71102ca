/**
 * The response headers both apps send on every response, around each app's own
 * Content-Security-Policy: nothing may frame them, no type sniffing, referrers stay on the site,
 * no camera/microphone/location/payment, and in production HTTPS only (HSTS).
 */
export function securityHeaders({
  contentSecurityPolicy,
  production,
}: {
  contentSecurityPolicy: string[]
  production: boolean
}): [string, string][] {
  return [
    ['Content-Security-Policy', contentSecurityPolicy.join('; ')],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ...(production ? [['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as [string, string]] : []),
  ]
}
