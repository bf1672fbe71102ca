import type { CollectionConfig } from 'payload'

import { isAdmin, isAdminField } from '../../access/isAdmin'
import { isAdminOrSelf } from '../../access/isAdminOrSelf'
import { hasAdminRole } from '../../access/signedInStaff'
import { auditChange, auditDelete } from '../../audit'
import { cmsConfig } from '../../config'
import { USERS } from '../../slugs'
import { auditLogin } from './hooks/auditLogin'
import { rateLimitAuthOperations } from './hooks/rateLimitAuth'
import { forgetLoginFailures, throttleLogin } from './hooks/throttleLogin'

export const Users: CollectionConfig = {
  slug: USERS,
  labels: { singular: 'Staff member', plural: 'Staff' },
  admin: {
    useAsTitle: 'username',
    defaultColumns: ['username', 'name', 'roles'],
    // Staff reach their own account under Account; the list of accounts is for admins.
    hidden: ({ user }) => !hasAdminRole(user as never),
  },
  auth: {
    loginWithUsername: { allowEmailLogin: false, requireEmail: false },
    // No lockout: Payload's (5 wrong passwords lock the account, even against its owner) let
    // anyone lock anyone out. Guessing is slowed per account and address instead, without such
    // a lever (hooks/throttleLogin.ts, cms/security/loginThrottle.ts).
    maxLoginAttempts: 0,
    // Payload's own per-account pause between reset requests writes outside the request's
    // transaction, which SQLite (one writer at a time) can only answer by waiting for itself.
    // Reset requests are limited per client address instead (hooks/rateLimitAuth.ts).
    forgotPassword: { minRequestInterval: 0 },
    // In production the login cookie travels over HTTPS only; never to other sites' requests.
    cookies: { secure: cmsConfig.production, sameSite: 'Lax' },
  },
  access: {
    // The admin panel is for signed-in staff; half-signed-in accounts (TOTP pending) get the
    // two-factor screens only.
    admin: ({ req }) => Boolean(req.user && req.user.collection === USERS),
    read: isAdminOrSelf,
    create: isAdmin,
    update: isAdminOrSelf,
    delete: isAdmin,
    unlock: isAdmin,
  },
  hooks: {
    beforeOperation: [rateLimitAuthOperations, throttleLogin],
    afterChange: [auditChange],
    afterDelete: [auditDelete],
    afterLogin: [auditLogin, forgetLoginFailures],
  },
  fields: [
    {
      name: 'name',
      type: 'text',
    },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['staff'],
      saveToJWT: true,
      options: [
        { label: 'Admin', value: 'admin' },
        { label: 'Staff', value: 'staff' },
      ],
      access: {
        create: isAdminField,
        update: isAdminField,
      },
    },
  ],
}
