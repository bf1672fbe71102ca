import type { RowField } from 'payload'

import { slugField } from 'payload'
import { keepGivenSlug, slugFromName } from './hooks/slugFromName'
import { validateSlug } from './validation'

/**
 * The slug of an item or an aisle: Payload's slugField, made from the name when the caller gives
 * none (before the required check), kept exactly as given otherwise, and held to the slug rule.
 * `description`: the admin's help text, e.g. where the slug shows on the shop.
 */
export const shopSlugField = (description: string): RowField =>
  slugField({
    useAsSlug: 'name',
    slugify: keepGivenSlug,
    overrides: (row) => {
      const slug = row.fields.find((field) => 'name' in field && field.name === 'slug')
      if (slug && slug.type === 'text') {
        slug.validate = validateSlug
        slug.hooks = { ...slug.hooks, beforeValidate: [...(slug.hooks?.beforeValidate ?? []), slugFromName] }
        slug.admin = { ...slug.admin, description }
      }
      return row
    },
  })
