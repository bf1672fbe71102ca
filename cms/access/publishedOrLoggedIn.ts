import type { Access } from 'payload'

/**
 * Shoppers, the storefront and anonymous API readers see published items only; signed-in staff
 * also see drafts (and Payload's `?draft=true` versions).
 */
export const publishedOrLoggedIn: Access = ({ req: { user } }) =>
  user ? true : { _status: { equals: 'published' } }
