import type { Plugin } from 'payload'

import { notFoundForMalformedId } from './hooks/notFoundForMalformedId'
import { refuseInvalidTimestamps } from './hooks/refuseInvalidTimestamps'
import { refuseUnfitPaging } from './hooks/refuseUnfitPaging'
import { refuseUnfitWhere } from './hooks/refuseUnfitWhere'

/**
 * Every collection (ours and the plugins') refuses `where` operators that do not fit the field,
 * `limit`/`page` values that are not whole numbers, and timestamps that are not dates, with a 400
 * rather than a database error; an id that cannot exist gets a 404.
 */
export const refuseUnfitInput: Plugin = (config) => ({
  ...config,
  collections: (config.collections ?? []).map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [notFoundForMalformedId, refuseUnfitWhere, refuseUnfitPaging, refuseInvalidTimestamps, ...(collection.hooks?.beforeOperation ?? [])],
    },
  })),
})

