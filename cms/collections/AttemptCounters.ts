import type { CollectionConfig } from 'payload'

import { nobody } from '../access/nobody'
import { ATTEMPT_COUNTERS } from '../slugs'

/**
 * The counters behind the login rate limit and the login throttle (cms/security/attemptCounters.ts),
 * kept in the database so that every CMS process on it counts the same attempts: two replicas
 * allow what one does. Internal: hidden in the admin panel, closed to every API caller (no
 * GraphQL, no REST routes); only the CMS itself reads and writes it, through the database adapter.
 * A counter lives until `expiresAt`; expired ones are swept now and then.
 */
export const AttemptCounters: CollectionConfig = {
  slug: ATTEMPT_COUNTERS,
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  graphQL: false,
  endpoints: false,
  disableDuplicate: true,
  lockDocuments: false,
  timestamps: false,
  fields: [
    // What is counted and for whom, e.g. "login\n203.0.113.7" (see the callers).
    { name: 'key', type: 'text', required: true, unique: true, index: true },
    { name: 'count', type: 'number', required: true },
    { name: 'expiresAt', type: 'date', required: true, index: true },
  ],
}
