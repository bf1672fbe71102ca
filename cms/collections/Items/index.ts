import type { CollectionConfig } from 'payload'

import { slugField } from 'payload'

import { isLoggedIn } from '../../access/isLoggedIn'
import { publishedOrLoggedIn } from '../../access/publishedOrLoggedIn'
import { revalidateStorefrontAfterChange, revalidateStorefrontAfterDelete } from '../../hooks/revalidateStorefront'
import { trimText } from '../../hooks/trimText'
import { ITEMS } from '../slugs'
import { shopperFields } from './hooks/shopperFields'
import { slugFromName } from './hooks/slugFromName'
import {
  NAME_MAX_LENGTH,
  validateName,
  validatePrice,
  validateQuantity,
  validateSlug,
} from './validation'

export const Items: CollectionConfig = {
  slug: ITEMS,
  labels: { singular: 'Item', plural: 'Items' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'price', 'quantity', 'updatedAt'],
    listSearchableFields: ['name', 'slug'],
    description: 'Everything on sale in the shop.',
  },
  access: {
    read: publishedOrLoggedIn,
    create: isLoggedIn,
    update: isLoggedIn,
    delete: isLoggedIn,
  },
  defaultSort: 'name',
  // The shop's default order (available items first, then by name) straight from an index.
  indexes: [{ fields: ['soldOut', 'name'] }],
  hooks: {
    beforeChange: [shopperFields],
    // The shop caches the catalogue; tell it at once when what shoppers see changes.
    afterChange: [revalidateStorefrontAfterChange],
    afterDelete: [revalidateStorefrontAfterDelete],
  },
  // Drafts: Uncle Pat prepares an item before it goes on sale; every save keeps a version.
  // Drafts are validated like published items, so nothing half-valid is ever stored.
  versions: {
    drafts: { validate: true },
    maxPerDoc: 50,
  },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: NAME_MAX_LENGTH,
      index: true,
      validate: validateName,
      hooks: { beforeValidate: [trimText] },
    },
    slugField({
      useAsSlug: 'name',
      overrides: (row) => {
        const slug = row.fields.find((field) => 'name' in field && field.name === 'slug')
        if (slug && slug.type === 'text') {
          slug.validate = validateSlug
          slug.hooks = { ...slug.hooks, beforeValidate: [...(slug.hooks?.beforeValidate ?? []), slugFromName] }
          slug.admin = {
            ...slug.admin,
            description: 'The item\'s web address on the shop: /items/<slug>. Generated from the name.',
          }
        }
        return row
      },
    }),
    {
      name: 'description',
      type: 'richText',
    },
    {
      type: 'row',
      fields: [
        {
          name: 'price',
          type: 'number',
          label: 'Price',
          required: true,
          min: 0,
          index: true,
          validate: validatePrice,
          admin: {
            step: 1,
            // Stored in cents (250 = $2.50); the admin panel shows and takes dollars.
            components: {
              Field: '/cms/components/PriceField#PriceField',
              Cell: '/cms/components/PriceCell#PriceCell',
            },
          },
        },
        {
          name: 'quantity',
          type: 'number',
          label: 'Quantity in stock',
          required: true,
          defaultValue: 0,
          min: 0,
          validate: validateQuantity,
          admin: { step: 1 },
        },
      ],
    },
    // Kept by the shopperFields hook for the shop's sort and search; never edited by hand.
    {
      name: 'soldOut',
      type: 'checkbox',
      defaultValue: false,
      admin: { hidden: true },
    },
    {
      name: 'searchText',
      type: 'textarea',
      admin: { hidden: true },
    },
  ],
}
