import type { Endpoint, Where } from 'payload'

import { CATALOGUE_VERSION_PATH } from '../../shared/purge.ts'
import { CATEGORIES, ITEMS, MEDIA } from '../slugs'

const PUBLISHED: Where = { _status: { equals: 'published' } }

/**
 * GET /api/catalogue-version: a fingerprint of what shoppers can see, which changes whenever a
 * published item or an image is saved, added, unpublished or deleted: per collection, the newest
 * `updatedAt` and the count, both read from indexes (aisles too: an aisle edit is on the shop at once). Every storefront replica polls it (see
 * shared/purge.ts), so one that the CMS's purge never reaches still drops its caches within a
 * poll. Drafts do not move it; it says nothing else.
 */
export const catalogueVersion: Endpoint = {
  path: CATALOGUE_VERSION_PATH.replace(/^\/api/, ''),
  method: 'get',
  handler: async (req) => {
    const fingerprint = async (collection: typeof CATEGORIES | typeof ITEMS | typeof MEDIA, where?: Where): Promise<string> => {
      const [newest, { totalDocs }] = await Promise.all([
        req.payload.find({ collection, where, sort: '-updatedAt', limit: 1, pagination: false, depth: 0, select: { updatedAt: true } }),
        req.payload.count({ collection, where }),
      ])
      return `${(newest.docs[0] as { updatedAt?: string } | undefined)?.updatedAt ?? '-'}/${totalDocs}`
    }
    const parts = await Promise.all([fingerprint(ITEMS, PUBLISHED), fingerprint(MEDIA), fingerprint(CATEGORIES)])
    return Response.json({ version: parts.join('|') }, { headers: { 'cache-control': 'no-store' } })
  },
}
