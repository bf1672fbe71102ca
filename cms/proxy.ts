import type { NextRequest } from 'next/server'

import { NextResponse } from 'next/server'

import { cmsSettings } from './env'
import { cmsSecurityHeaders } from './security/headers'
import { malformedJsonParam } from './security/jsonQueryParams'

const headers = cmsSecurityHeaders(cmsSettings(), process.env.NODE_ENV === 'development')

/**
 * Runs before every CMS request (Next.js 16 "proxy", formerly middleware): adds the security
 * headers, refuses a `where`/`data` query parameter that is not JSON with a 400, and tells the
 * admin's server components which page was asked for (x-pathname, needed by payload-totp and
 * cms/components/RequireTwoFactor.tsx to redirect to the two-factor screens).
 */
export function proxy(request: NextRequest): NextResponse {
  const isApi = request.nextUrl.pathname.startsWith('/api/')
  const malformed = isApi ? malformedJsonParam(request.nextUrl.searchParams) : null
  if (malformed) {
    const message = `The "${malformed}" parameter is not valid JSON; write it as ${malformed}[field][operator]=value or as JSON.`
    const refusal = NextResponse.json({ errors: [{ message }] }, { status: 400 })
    for (const [name, value] of headers) refusal.headers.set(name, value)
    return refusal
  }
  const response = isApi ? NextResponse.next() : nextWithPathname(request)
  for (const [name, value] of headers) response.headers.set(name, value)
  return response
}

/**
 * The admin's pages get x-pathname. Not the API: rewriting the request's headers makes Next copy
 * and merge them all again, on the path every shop and API request takes.
 */
function nextWithPathname(request: NextRequest): NextResponse {
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('x-pathname', request.nextUrl.pathname)
  return NextResponse.next({ request: { headers: requestHeaders } })
}

export const config = {
  matcher: ['/((?!_next/static|_next/image).*)'],
}
