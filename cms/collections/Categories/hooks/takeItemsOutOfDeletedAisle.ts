import type { CollectionAfterDeleteHook } from 'payload'

import { WITHOUT_PURGE } from '../../../hooks/revalidateStorefront'
import { ITEMS } from '../../../slugs'

/**
 * A deleted aisle leaves the items it held. SQLite does that itself (items_rels' foreign key
 * cascades); MongoDB keeps an item's aisles as ids in the item, where a dangling one would make
 * the item's next save fail ("invalid selection"). So every item still naming the aisle is saved
 * without it, in the delete's transaction (each with its version and audit entry). The aisle's
 * own purge, after the commit, covers the shop.
 */
export const takeItemsOutOfDeletedAisle: CollectionAfterDeleteHook = async ({ id, req }) => {
  const { docs } = await req.payload.find({
    collection: ITEMS,
    where: { categories: { in: [id] } },
    pagination: false,
    depth: 0,
    select: { categories: true },
    overrideAccess: true,
    req,
  })
  for (const item of docs) {
    const categories = (item.categories ?? []).filter((aisle) => String(typeof aisle === 'object' ? aisle.id : aisle) !== String(id))
    await req.payload.update({
      collection: ITEMS,
      id: item.id,
      data: { categories },
      depth: 0,
      overrideAccess: true,
      context: WITHOUT_PURGE,
      req,
    })
  }
}
