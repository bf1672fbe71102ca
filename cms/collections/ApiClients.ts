import type { CollectionConfig } from 'payload'

import { isAdmin } from '../access/isAdmin'
import { auditChange, auditDelete } from '../audit'
import { API_CLIENTS } from '../slugs'

/**
 * Other programs that read the catalogue (a till, a price-comparison feed, …), each with its own
 * API key: `Authorization: api-clients API-Key <key>`. They cannot log in with a password and
 * cannot write: every collection's write access requires a signed-in member of staff, and a key
 * reads what the public reads. Admins issue and revoke keys here.
 */
export const ApiClients: CollectionConfig = {
  slug: API_CLIENTS,
  labels: { singular: 'API key', plural: 'API keys' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'enableAPIKey', 'updatedAt'],
    description: 'Read-only keys for other programs. Tick "Enable API Key", save, and copy the key.',
    group: 'Security',
  },
  auth: {
    useAPIKey: true,
    disableLocalStrategy: true,
  },
  access: {
    read: isAdmin,
    create: isAdmin,
    update: isAdmin,
    delete: isAdmin,
  },
  hooks: {
    afterChange: [auditChange],
    afterDelete: [auditDelete],
  },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      admin: { description: 'Which program uses this key, e.g. "Till at the counter".' },
    },
  ],
}
