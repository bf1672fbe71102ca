import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible'

import { cmsConfig } from '../config'

import { clientIp } from './clientIp'

/** The doors an attacker would knock on to guess passwords, reset links or two-factor codes. */
export type AuthDoor = 'forgot-password' | 'login' | 'two-factor'

/** Refused: too many attempts from one address. A 429 with Retry-After over REST. */
export class TooManyAttempts extends APIError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many attempts from your network. Please wait ${retryAfterSeconds} seconds and try again.`,
      429,
      { retryAfter: retryAfterSeconds },
      true,
    )
    this.name = 'TooManyAttempts'
  }
}

/**
 * One limiter per process. Next bundles the REST and GraphQL routes separately, each with its
 * own copy of this module, so the limiter lives on globalThis (as Payload keeps its instance).
 */
const shared = globalThis as { minimartAuthLimiter?: RateLimiterMemory }

/**
 * Counts one attempt at `door` from the request's client address (each door has its own budget)
 * and throws TooManyAttempts once the address has used up AUTH_RATE_LIMIT attempts in the
 * window. Kept in memory: one CMS process, and a restart forgets (the account lockout does not).
 * Local API calls have no client address and are not limited.
 */
export async function countAuthAttempt(req: PayloadRequest, door: AuthDoor): Promise<void> {
  const ip = clientIp(req)
  if (!ip) return
  const limiter = (shared.minimartAuthLimiter ??= new RateLimiterMemory({
    points: cmsConfig.AUTH_RATE_LIMIT,
    duration: cmsConfig.AUTH_RATE_LIMIT_WINDOW_SECONDS,
  }))
  try {
    await limiter.consume(`${door}:${ip}`)
  } catch (refusal) {
    // A refusal is a RateLimiterRes (not an Error); compared by shape, as the class may come
    // from another bundle's copy of the library.
    if (refusal instanceof Error || typeof (refusal as RateLimiterRes)?.msBeforeNext !== 'number') throw refusal
    const seconds = Math.max(1, Math.ceil((refusal as RateLimiterRes).msBeforeNext / 1000))
    req.payload.logger.warn(`Rate limit: ${door} attempts from ${ip} refused for ${seconds} s.`)
    // Payload sends req.responseHeaders with its error responses.
    const headers = new Headers(req.responseHeaders)
    headers.set('Retry-After', String(seconds))
    req.responseHeaders = headers
    throw new TooManyAttempts(seconds)
  }
}
