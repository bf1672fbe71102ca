import type { Endpoint, PayloadHandler, Plugin } from 'payload'

import { USERS } from '../collections/slugs'
import { writeAuditEntry } from '../hooks/audit'
import { countAuthAttempt } from './authRateLimit'

/** payload-totp's endpoints, each of which checks a 6-digit code. */
const CODE_CHECKING_PATHS = new Set(['/setup-totp', '/verify-totp', '/remove-totp'])

/**
 * Six digits are guessable at speed, so each code check counts against the client's per-IP
 * budget like a password, and the second step of a login is audited like the first.
 */
function guarded(path: string, handler: PayloadHandler): PayloadHandler {
  return async (req) => {
    await countAuthAttempt(req, 'two-factor')
    const response = await handler(req)
    if (path === '/verify-totp' && req.user) {
      const { ok } = (await response.clone().json().catch(() => ({}))) as { ok?: boolean }
      const username = String((req.user as { username?: string }).username ?? req.user.id)
      await writeAuditEntry(req, {
        action: ok ? 'login' : 'login-failed',
        collectionSlug: USERS,
        detail: ok ? 'two-factor code accepted' : 'wrong two-factor code',
        documentId: String(req.user.id),
        summary: ok ? `${username} passed the two-factor check` : `${username} gave a wrong two-factor code`,
      })
    }
    return response
  }
}

/** Config plugin, after payload-totp: rate limits and audits its endpoints. */
export const guardTwoFactorEndpoints: Plugin = (config) => ({
  ...config,
  endpoints: (config.endpoints ?? []).map((endpoint: Endpoint) =>
    CODE_CHECKING_PATHS.has(endpoint.path) ? { ...endpoint, handler: guarded(endpoint.path, endpoint.handler) } : endpoint,
  ),
})
