import type { Access } from 'payload'

import type { User } from '../payload-types'
import { hasAdminRole } from './isAdmin'

/** Admins see every account; staff see and edit only their own (e.g. to change a password). */
export const isAdminOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (hasAdminRole(user as User)) return true
  return { id: { equals: user.id } }
}
