import type { SanitizedConfig } from 'payload'

import { Forbidden, NotFound } from 'payload'

import { signedInStaff } from '../access/signedInStaff'

/** Payload's own collections that any authenticated caller, API keys included, could write. */
const STAFF_ONLY = ['payload-locked-documents', 'payload-preferences']

/**
 * Payload adds document locks and admin preferences itself, open to anyone with credentials.
 * API keys are read-only and half-signed-in accounts (TOTP pending) are nobody, so both are
 * narrowed to signed-in staff, keeping Payload's own rules (e.g. "your own preferences") on top.
 */
export function internalCollectionsForStaffOnly(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections.filter(({ slug }) => STAFF_ONLY.includes(slug))) {
    for (const operation of ['create', 'read', 'update', 'delete'] as const) {
      const original = collection.access[operation]
      collection.access[operation] = (args) => (signedInStaff(args.req) ? (original ? original(args) : true) : false)
    }
    // Their own endpoints (e.g. /api/payload-preferences/:key) skip collection access.
    if (Array.isArray(collection.endpoints)) {
      collection.endpoints = collection.endpoints.map((endpoint) => ({
        ...endpoint,
        handler: async (req) => {
          const user = signedInStaff(req)
          if (!user) throw new Forbidden(req.t)
          // Payload answers a 500 when asked to delete a preference that does not exist.
          if (collection.slug === 'payload-preferences' && endpoint.method === 'delete') {
            const { totalDocs } = await req.payload.count({
              collection: 'payload-preferences',
              where: { key: { equals: req.routeParams?.key }, 'user.value': { equals: user.id }, 'user.relationTo': { equals: 'users' } },
            })
            if (totalDocs === 0) throw new NotFound(req.t)
          }
          return endpoint.handler(req)
        },
      }))
    }
  }
  return config
}
