import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { cmsConfig } from '../config'
import { countAttempt } from './attemptCounters'
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
 * Counts one attempt at `door` from the request's client address (each door has its own budget)
 * and throws TooManyAttempts once the address has used up AUTH_RATE_LIMIT attempts in the
 * window (AUTH_RATE_LIMIT_WINDOW_SECONDS from its first attempt). Counted in the database, so
 * every CMS process on it shares one budget, and a restart forgets nothing.
 * Local API calls have no client address and are not limited.
 */
export async function countAuthAttempt(req: PayloadRequest, door: AuthDoor): Promise<void> {
  const ip = clientIp(req)
  if (!ip) return
  const now = Date.now()
  const { count, expiresAt } = await countAttempt(
    req,
    `${door}\n${ip}`,
    { ttlMs: cmsConfig.AUTH_RATE_LIMIT_WINDOW_SECONDS * 1000, extend: false },
    now,
  )
  if (count <= cmsConfig.AUTH_RATE_LIMIT) return
  const seconds = Math.max(1, Math.ceil((expiresAt - now) / 1000))
  req.payload.logger.warn(`Rate limit: ${door} attempts from ${ip} refused for ${seconds} s.`)
  // Payload sends req.responseHeaders with its error responses.
  const headers = new Headers(req.responseHeaders)
  headers.set('Retry-After', String(seconds))
  req.responseHeaders = headers
  throw new TooManyAttempts(seconds)
}
