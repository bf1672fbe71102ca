import type { CollectionBeforeOperationHook } from 'payload'

import { NotFound } from 'payload'

/** Operations that address one document (or one version) by its id. */
const BY_ID = new Set(['read', 'update', 'delete', 'findVersionByID', 'restoreVersion'])

/**
 * beforeOperation for every collection: on SQLite, ids are whole numbers, and Payload passes
 * `/api/items/abc` or `/api/items/1e400` on to SQL, which fails with a 500. No document has
 * such an id, so the answer is the 404 any other missing document gets.
 */
export const notFoundForMalformedId: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  const id = (args as { id?: unknown }).id
  if (id === undefined || id === null || !BY_ID.has(operation) || req.payload.db.defaultIDType !== 'number') return args
  const text = String(id)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new NotFound(req.t)
  return args
}
