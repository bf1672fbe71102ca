import type { Access } from 'payload'

import { hasAdminRole, signedInStaff } from './signedInStaff'

/** Admins see every account; staff see and edit only their own (password, two-factor). */
export const isAdminOrSelf: Access = ({ req }) => {
  const user = signedInStaff(req)
  if (!user) return false
  if (hasAdminRole(user)) return true
  return { id: { equals: user.id } }
}
