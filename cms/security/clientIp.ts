import type { PayloadRequest } from 'payload'

/**
 * The address of the client behind a request: the last entry of X-Forwarded-For. Next.js fills
 * that header with the socket's address when a request arrives without one; when we do not
 * trust a proxy (TRUST_PROXY unset), cms/security/forwardedFor.ts drops whatever the client sent,
 * so the header can only come from Next. Behind a trusted proxy, its last entry is the address
 * the proxy itself saw. Null for Local API calls, which have no client.
 */
export function clientIp(req: Pick<PayloadRequest, 'headers'>): null | string {
  const forwarded = req.headers?.get('x-forwarded-for')
  if (!forwarded) return null
  const last = forwarded.split(',').at(-1)?.trim()
  return last ? last.replace(/^::ffff:/, '') : null
}
