import type { FieldHook } from 'payload'

import { slugify } from 'payload/shared'

/**
 * Fills in a new item's slug from its name before validation, so a REST client may leave it out.
 * (Payload's slugField also generates it, but only in beforeChange, after the "required" check.)
 */
export const slugFromName: FieldHook = ({ data, operation, value }) => {
  if (operation !== 'create' || value || typeof data?.name !== 'string') return value
  return slugify(data.name.trim()) || value
}
