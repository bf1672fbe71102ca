import type { FieldHook } from 'payload'

import { type Slugify, slugify } from 'payload/shared'

/**
 * A name as a slug: Payload's slugify, then single hyphens only and none at the ends, so the
 * result passes validateSlug ("Breakfast & staples" is "breakfast-staples", not
 * "breakfast--staples", which Payload's slugify alone makes of the "&").
 */
export const slugOf = (name: string): string => (slugify(name.trim()) ?? '').replace(/_/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '')

/**
 * Fills in a new item's (or aisle's) slug from its name before validation, so a REST client may
 * leave it out. (Payload's slugField also generates it, but only in beforeChange, after the
 * "required" check.)
 */
export const slugFromName: FieldHook = ({ data, operation, value }) => {
  if (operation !== 'create' || value || typeof data?.name !== 'string') return value
  return slugOf(data.name) || value
}

/**
 * The slugify Payload's slugField runs before saving (passed as its `slugify` option). A slug the
 * caller gave is kept exactly as given, so the slug rule (validateSlug) refuses "Kaya Toast!"
 * with a 400 instead of quietly storing "kaya-toast"; a slug made from the name (the "generate"
 * box ticked in the admin) is slugOf(name).
 */
export const keepGivenSlug: Slugify = ({ data, valueToSlugify }) => {
  if (typeof valueToSlugify !== 'string') return undefined
  return valueToSlugify === data?.slug ? valueToSlugify : slugOf(valueToSlugify)
}
