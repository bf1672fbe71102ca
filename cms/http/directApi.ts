import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import compression from 'compression'

import { cmsSecurityHeaders } from '../security/headers.ts'
import { malformedJsonMessage, malformedJsonParam } from '../security/jsonQueryParams.ts'

/** Payload's REST handler as boot.ts hands it over: a web Request and its API path in, a Response out. */
export type ApiHandler = {
  handle: (request: Request, path: string) => Promise<Response>
  /** Payload's API route (`/api`) and cookie prefix (`payload`), from the running config. */
  apiRoute: string
  cookiePrefix: string
}

// boot.ts (in Next's bundles, where Payload lives) registers the handler; cms/server.ts (plain
// Node, same process) uses it. A global symbol is what both module graphs share.
const key = Symbol.for('minimart.directApi')
const globals = globalThis as typeof globalThis & { [key]?: ApiHandler }

export function onDirectApi(handler: ApiHandler): void {
  globals[key] = handler
}

/** Routes of /api that are not Payload's REST handler (Next routes of their own) or that it adds under Next only. */
const NEXT_ONLY = new Set(['graphql', 'graphql-playground', 'og'])

/**
 * The API path to hand to Payload's REST handler directly, or undefined when the request must go
 * through Next: only GETs (reads: no login, logout or refresh, whose hooks set cookies through
 * Next), under the API route, without the two-factor cookie (payload-totp reads it through Next's
 * `cookies()`, which works only inside Next's request scope), and in the form Next would route
 * as is (no trailing or double slash, segments that decode). The path's segments are decoded and
 * encoded again, as @payloadcms/next's REST route does with Next's decoded `slug` parameter.
 */
export function directApiPath(
  method: string | undefined,
  url: string | undefined,
  cookie: string | undefined,
  { apiRoute, cookiePrefix }: Pick<ApiHandler, 'apiRoute' | 'cookiePrefix'>,
): string | undefined {
  if (method !== 'GET' || !url?.startsWith(`${apiRoute}/`)) return undefined
  if (cookie?.includes(`${cookiePrefix}-totp=`)) return undefined
  const query = url.indexOf('?')
  const pathname = query === -1 ? url : url.slice(0, query)
  const segments = pathname.slice(apiRoute.length + 1).split('/')
  if (NEXT_ONLY.has(segments[0]!) || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return undefined
  try {
    return `${apiRoute}/${segments.map((segment) => encodeURIComponent(decodeURIComponent(segment))).join('/')}`
  } catch {
    return undefined
  }
}

/**
 * The headers Payload sees, as Next would hand them to its route: the client's, with
 * X-Forwarded-For/-Host/-Port/-Proto filled in from the socket. A client's own X-Forwarded-For is
 * kept only behind a trusted proxy (cms/security/forwardedFor.ts drops it for Next otherwise).
 */
export function forwardedHeaders(req: IncomingMessage, trustProxy: boolean): Headers {
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase()
    if (name === 'x-forwarded-for' && !trustProxy) continue
    headers.append(name, req.rawHeaders[i + 1]!)
  }
  if (!headers.has('x-forwarded-for') && req.socket.remoteAddress) headers.set('x-forwarded-for', req.socket.remoteAddress)
  const host = req.headers.host ?? 'localhost'
  if (!headers.has('x-forwarded-host')) headers.set('x-forwarded-host', host)
  if (!headers.has('x-forwarded-port') && req.socket.localPort) headers.set('x-forwarded-port', String(req.socket.localPort))
  if (!headers.has('x-forwarded-proto')) headers.set('x-forwarded-proto', 'http')
  return headers
}

/**
 * Answers an API read with Payload's own REST handler (handleEndpoints, which @payloadcms/next's
 * REST_GET wraps), without Next's router, whose per-request work (route matching, the proxy
 * run, building a NextRequest and copying its headers twice) cost several times Payload's own:
 * see README "Benchmark". Does what cms/proxy.ts does for /api on the way: the `where`/`data`
 * check (400) and the security headers. Everything else (CORS, CSRF, access, auth strategies,
 * the endpoint guards of cms/security/requestBodies.ts) is Payload's and runs as before.
 * Returns false, having done nothing, for a request that must go through Next.
 */
export function createDirectApi({ production, trustProxy }: { production: boolean; trustProxy: boolean }) {
  const apiHeaders = cmsSecurityHeaders({ MINIMART_ENV: production ? 'production' : 'local' })
  // Next compresses every response it sends (the `compress` default); so does this path.
  const compress = compression() as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void
  const send = (res: ServerResponse, status: number, headers: Headers) => {
    const cookies = headers.getSetCookie()
    const out: Record<string, string | string[]> = {}
    for (const [name, value] of headers) if (name !== 'set-cookie') out[name] = value
    if (cookies.length > 0) out['set-cookie'] = cookies
    for (const [name, value] of apiHeaders) out[name.toLowerCase()] = value
    res.writeHead(status, out)
  }
  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const api = globals[key]
    const path = api && directApiPath(req.method, req.url, req.headers.cookie, api)
    if (!api || !path) return false
    let url: URL
    try {
      url = new URL(req.url!, `http://${req.headers.host ?? 'localhost'}`)
    } catch {
      return false // A Host header no URL can have: Next answers it as it always has.
    }
    compress(req, res, () => {})
    const malformed = malformedJsonParam(url.searchParams)
    if (malformed) {
      send(res, 400, new Headers({ 'content-type': 'application/json' }))
      res.end(JSON.stringify({ errors: [{ message: malformedJsonMessage(malformed) }] }))
      return true
    }
    const response = await api.handle(new Request(url, { method: 'GET', headers: forwardedHeaders(req, trustProxy) }), path)
    send(res, response.status, response.headers)
    if (!response.body) res.end()
    // JSON (nearly every answer) is whole already: written at once, without a stream pipeline.
    else if (response.headers.get('content-type')?.startsWith('application/json')) res.end(Buffer.from(await response.arrayBuffer()))
    else
      await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), res).catch((error: unknown) => {
        // A client that hung up mid-answer is logged as a 499 by cms/server.ts, not as a failure.
        if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error
      })
    return true
  }
}
