import type { CollectionConfig } from 'payload'

import { isAdmin, isAdminField } from '../access/isAdmin'
import { isAdminOrSelf } from '../access/isAdminOrSelf'
import { isProduction } from '../env'
import { USERS } from './slugs'

export const Users: CollectionConfig = {
  slug: USERS,
  labels: { singular: 'Staff member', plural: 'Staff' },
  admin: {
    useAsTitle: 'username',
    defaultColumns: ['username', 'name', 'roles'],
  },
  auth: {
    loginWithUsername: { allowEmailLogin: false, requireEmail: false },
    // Payload 3's lockout: 5 wrong passwords lock the account for 10 minutes.
    maxLoginAttempts: 5,
    lockTime: 10 * 60 * 1000,
    // Production is served over https (CMS_PUBLIC_URL): the login cookie never travels in clear.
    cookies: { secure: isProduction(), sameSite: 'Lax' },
  },
  access: {
    read: isAdminOrSelf,
    create: isAdmin,
    update: isAdminOrSelf,
    delete: isAdmin,
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
