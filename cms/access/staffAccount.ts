import type { PayloadRequest } from 'payload'

import type { User } from '../payload-types'

import { USERS } from '../slugs'

/** What Payload and the payload-totp plugin put on `req.user` besides the stored fields. */
export type RequestUser = Partial<User> & { _strategy?: string; collection?: string; hasTotp?: boolean }

const hasStaffRole = (user: RequestUser): boolean =>
  Array.isArray(user.roles) && user.roles.some((role) => role === 'admin' || role === 'staff')

/**
 * The staff account (collection `users`) behind a request, however far its login got: a password
 * alone counts here. Never an API key: plugin endpoints see `req.user` from every auth
 * collection, and an `api-clients` record can share its id with a staff account. Use
 * signedInStaff for anything but the steps of logging in.
 */
export function staffAccount(req: Pick<PayloadRequest, 'user'>): null | RequestUser {
  const user = req.user as null | RequestUser
  if (!user || user.collection !== USERS || !hasStaffRole(user)) return null
  return user
}

/** Password given, two-factor code still owed (payload-totp's "totp" strategy marks the code). */
export const awaitingSecondFactor = (user: RequestUser): boolean => Boolean(user.hasTotp && user._strategy && user._strategy !== 'totp')
