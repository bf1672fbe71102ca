import type { Access, FieldAccess } from 'payload'

import { hasAdminRole, signedInStaff } from './signedInStaff'

/** Only admins: managing staff accounts, API keys, reading the audit log. */
export const isAdmin: Access = ({ req }) => hasAdminRole(signedInStaff(req))

/** Field-level twin of isAdmin, e.g. so staff cannot change roles (not even their own). */
export const isAdminField: FieldAccess = ({ req }) => hasAdminRole(signedInStaff(req))
