import type { PayloadRequest } from 'payload'
import { cmsConfig } from '../config'
import type { User } from '../payload-types'
import { adminNeedsTwoFactor, hasAdminRole } from './adminNeedsTwoFactor'
import { awaitingSecondFactor, staffAccount } from './staffAccount'

export { hasAdminRole }

/**
 * The member of staff behind a request, once fully signed in; otherwise null. API keys (the
 * api-clients collection) are never staff: they have no roles. (Payload labels a user object
 * without a collection as a `users` one, so the roles are what tells them apart.)
 *
 * Two-factor authentication: a password alone is half a login. An account with TOTP counts only
 * after its code was checked (payload-totp's "totp" strategy); with TOTP_REQUIRED_FOR_ADMINS an
 * admin without TOTP counts for nothing until it is set up. Users that no auth strategy marked
 * (no `_strategy`) are Local API calls the CMS makes on behalf of a request it has already
 * admitted, e.g. the import-export plugin re-loading the user who started an import.
 */
export function signedInStaff(req: Pick<PayloadRequest, 'payload' | 'user'>): null | User {
  const user = staffAccount(req)
  if (!user) return null
  if (!user._strategy || user._strategy === 'totp') return user as User
  if (awaitingSecondFactor(user)) return null
  if (adminNeedsTwoFactor(user, cmsConfig.TOTP_REQUIRED_FOR_ADMINS)) return null
  return user as User
}
