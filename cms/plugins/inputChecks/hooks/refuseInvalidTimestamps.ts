import type { CollectionBeforeOperationHook } from 'payload'

import { ValidationError } from 'payload'

/**
 * beforeOperation for every collection: `createdAt`/`updatedAt` sent by a client must be dates
 * (Payload would pass "garbage" to the database and answer with a 500).
 */
export const refuseInvalidTimestamps: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data = (args as { data?: Record<string, unknown> }).data
  if (!data || typeof data !== 'object') return args
  const errors = (['createdAt', 'updatedAt'] as const)
    .filter((path) => {
      const value = data[path]
      if (value === undefined || value === null) return false
      return !(typeof value === 'string' || value instanceof Date) || Number.isNaN(new Date(value).getTime())
    })
    .map((path) => ({ message: 'Must be a date, e.g. 2026-11-28T09:30:00.000Z.', path }))
  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors, req }, req.t)
  return args
}
