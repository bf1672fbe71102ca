import type { Plugin } from 'payload'

import { notFoundForMalformedId } from './hooks/notFoundForMalformedId'
import { refuseUnfitPaging } from './hooks/refuseUnfitPaging'
import { refuseUnfitWhere } from './hooks/refuseUnfitWhere'

/**
 * Every collection (ours and the plugins') refuses `where` operators that do not fit the field
 * and `limit`/`page` values that are not whole numbers with a 400 rather than a database error;
 * an id that cannot exist gets a 404. (What a write may store: cms/security/requestBodies.ts.)
 */
export const refuseUnfitInput: Plugin = (config) => ({
  ...config,
  collections: (config.collections ?? []).map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [notFoundForMalformedId, refuseUnfitWhere, refuseUnfitPaging, ...(collection.hooks?.beforeOperation ?? [])],
    },
  })),
})
