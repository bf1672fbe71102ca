import type { Access, FieldAccess } from 'payload'

import type { User } from '../payload-types'

export const hasAdminRole = (user: User | null | undefined): boolean =>
  Boolean(user?.roles?.includes('admin'))

/** Only admins: managing staff accounts. */
export const isAdmin: Access = ({ req: { user } }) => hasAdminRole(user as User | null)

/** Field-level twin of isAdmin, e.g. so staff cannot change roles. */
export const isAdminField: FieldAccess = ({ req: { user } }) => hasAdminRole(user as User | null)
