import { Server } from 'node:http'

/**
 * Unless TRUST_PROXY=true, removes the X-Forwarded-For header a client sent, before Next.js sees
 * the request. Next keeps an incoming X-Forwarded-For and only fills it in from the socket when it
 * is missing, so without this anyone could pick the address the per-IP login rate limit counts.
 * (Next offers no other way to read the socket's address from a route.)
 */
export function distrustForwardedFor(): void {
  const emit = Server.prototype.emit
  if ((emit as { minimart?: boolean }).minimart) return
  const patched = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const request = args[0] as { headers: Record<string, unknown> }
      delete request.headers['x-forwarded-for']
    }
    return (emit as (event: string | symbol, ...args: unknown[]) => boolean).call(this, event, ...args)
  } as typeof emit
  ;(patched as { minimart?: boolean }).minimart = true
  Server.prototype.emit = patched
}
