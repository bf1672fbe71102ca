import type { CollectionConfig } from 'payload'

import { isAdmin } from '../access/isAdmin'
import { nobody } from '../access/nobody'
import { AUDIT_LOG } from '../slugs'

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'login', 'login-failed', 'import', 'export'] as const

/**
 * Who did what, when: written by the hooks in cms/audit/ in the same database
 * transaction as the change itself. Admins may read it; nobody, admins included, may create,
 * change or delete an entry through any API.
 */
export const AuditLog: CollectionConfig = {
  slug: AUDIT_LOG,
  labels: { singular: 'Audit entry', plural: 'Audit log' },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['createdAt', 'action', 'summary', 'actor', 'ip'],
    listSearchableFields: ['summary', 'actor', 'documentId'],
    description: 'Every change to items, images and accounts, every login and every import. Read-only.',
    group: 'Security',
  },
  access: {
    read: isAdmin,
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  defaultSort: '-createdAt',
  disableDuplicate: true,
  lockDocuments: false,
  fields: [
    {
      name: 'action',
      type: 'select',
      required: true,
      index: true,
      options: AUDIT_ACTIONS.map((value) => ({ label: value, value })),
    },
    { name: 'summary', type: 'text', required: true },
    {
      type: 'row',
      fields: [
        { name: 'collectionSlug', type: 'text', index: true, label: 'Collection' },
        { name: 'documentId', type: 'text', index: true, label: 'Record ID' },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'actor',
          type: 'text',
          required: true,
          index: true,
          admin: { description: 'Username, API key name, "system" (the CMS itself) or the name tried at a failed login.' },
        },
        {
          name: 'actorType',
          type: 'select',
          required: true,
          options: ['staff', 'api-key', 'system', 'anonymous'].map((value) => ({ label: value, value })),
        },
        { name: 'actorId', type: 'text' },
        { name: 'ip', type: 'text', label: 'IP address' },
      ],
    },
    {
      name: 'changes',
      type: 'json',
      admin: {
        description: 'For updates: each changed field with its value before and after.',
        components: { Field: '/cms/components/AuditChanges#AuditChanges' },
      },
    },
    { name: 'detail', type: 'text' },
  ],
}
