import type { CollectionConfig } from 'payload'

import { anyone } from '../../access/anyone'
import { isStaff } from '../../access/isStaff'
import { auditChange, auditDelete } from '../../audit'
import { revalidateStorefrontOnEveryChange, revalidateStorefrontOnEveryDelete } from '../../hooks/revalidateStorefront'
import { trimText } from '../../hooks/trimText'
import { CATEGORIES } from '../../slugs'
import { tieBreakSort } from '../Items/hooks/tieBreakSort'
import { shopSlugField } from '../Items/slugField'
import { takeItemsOutOfDeletedAisle } from './hooks/takeItemsOutOfDeletedAisle'
import {
  AISLE_DESCRIPTION_MAX_LENGTH,
  AISLE_NAME_MAX_LENGTH,
  AISLE_POSITION_MAX,
  validateAisleDescription,
  validateAisleName,
  validatePosition,
} from './validation'

/**
 * The shop's aisles (drinks, snacks, …): items belong to one or more (their `categories` field).
 * Everybody reads them (the shop's header menu and aisle pages, API users); staff edit them. No
 * drafts: an aisle is on the shop as soon as it is saved, so every change purges the shop's cache.
 */
export const Categories: CollectionConfig = {
  slug: CATEGORIES,
  labels: { singular: 'Aisle', plural: 'Aisles' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'position', 'updatedAt'],
    listSearchableFields: ['name'],
    description: "The shop's aisles, in the order of their position. Put items in aisles on each item's page.",
  },
  access: {
    read: anyone,
    create: isStaff,
    update: isStaff,
    delete: isStaff,
  },
  defaultSort: 'position',
  // The shop lists every aisle by position, then name, in its header: one read of this index
  // (tieBreakSort ends the sort with createdAt in the same direction, as for items).
  indexes: [{ fields: ['position', 'name', 'createdAt'] }],
  hooks: {
    beforeOperation: [tieBreakSort],
    // The audit entry is written in the same transaction as the change; the shop is told after the commit.
    afterChange: [auditChange, revalidateStorefrontOnEveryChange],
    afterDelete: [auditDelete, takeItemsOutOfDeletedAisle, revalidateStorefrontOnEveryDelete],
  },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: AISLE_NAME_MAX_LENGTH,
      validate: validateAisleName,
      hooks: { beforeValidate: [trimText] },
      admin: { description: 'As shoppers see it, e.g. "Drinks" or "Breakfast & staples".' },
    },
    shopSlugField("The aisle's web address on the shop: /aisles/<slug>. Generated from the name."),
    {
      name: 'position',
      type: 'number',
      required: true,
      defaultValue: 0,
      min: 0,
      max: AISLE_POSITION_MAX,
      validate: validatePosition,
      admin: { step: 1, description: 'Aisles are listed on the shop smallest position first (e.g. 10, 20, 30).' },
    },
    {
      name: 'description',
      type: 'textarea',
      maxLength: AISLE_DESCRIPTION_MAX_LENGTH,
      validate: validateAisleDescription,
      hooks: { beforeValidate: [trimText] },
      admin: {
        description: `Optional: one or two sentences shown at the top of the aisle's page (at most ${AISLE_DESCRIPTION_MAX_LENGTH} characters).`,
      },
    },
  ],
}
