import type { NextRequest } from 'next/server'

import { NextResponse } from 'next/server'

import { cmsConfig } from './config'
import { cmsSecurityHeaders } from './security/headers'
import { malformedJsonMessage, malformedJsonParam } from './security/jsonQueryParams'
import { safeBack } from './security/safeBack'

const dev = process.env.NODE_ENV === 'development'
const apiHeaders = cmsSecurityHeaders(cmsConfig, { dev })

/** The admin panel's address (Payload's default route, which payload.config.ts keeps). */
const ADMIN = '/admin'

/**
 * Runs before every CMS request (Next.js 16 "proxy", formerly middleware): adds the security
 * headers (pages get a fresh script nonce each), refuses a `where`/`data` query parameter that is
 * not JSON with a 400, sends an admin page whose `back` is not a path on this site to the same
 * page with a safe one, and tells the admin's server components which page was asked for
 * (x-pathname, needed by payload-totp and cms/components/RequireTwoFactor.tsx to redirect to the
 * two-factor screens).
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, searchParams } = request.nextUrl
  const isApi = pathname.startsWith('/api/')
  if (isApi) {
    const malformed = malformedJsonParam(searchParams)
    if (malformed) {
      return withHeaders(NextResponse.json({ errors: [{ message: malformedJsonMessage(malformed) }] }, { status: 400 }), apiHeaders)
    }
    // Not rewriting the request's headers: Next would copy and merge them all again, on the path
    // every shop and API request takes.
    return withHeaders(NextResponse.next(), apiHeaders)
  }
  const headers = cmsSecurityHeaders(cmsConfig, { dev, nonce: crypto.randomUUID() })
  // The two-factor pages hand `back` to location.replace (see cms/security/safeBack.ts).
  const backs = searchParams.getAll('back')
  if (pathname.startsWith(ADMIN) && backs.length > 0) {
    const safe = safeBack(backs[0], ADMIN)
    if (backs.length > 1 || safe !== backs[0]) {
      const url = request.nextUrl.clone()
      url.searchParams.set('back', safe)
      return withHeaders(NextResponse.redirect(url, 307), headers)
    }
  }
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-pathname', pathname)
  // Next reads the policy from the request to put its nonce on the scripts it renders.
  for (const [name, value] of headers) if (name === 'Content-Security-Policy') requestHeaders.set(name, value)
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers)
}

function withHeaders(response: NextResponse, headers: [string, string][]): NextResponse {
  for (const [name, value] of headers) response.headers.set(name, value)
  return response
}

export const config = {
  matcher: ['/((?!_next/static|_next/image).*)'],
}
