import type { Access } from 'payload'

import { signedInStaff } from './signedInStaff'

/**
 * Shoppers, the storefront, API keys and anonymous readers see published items only; signed-in
 * staff also see drafts (and Payload's `?draft=true` versions).
 */
export const publishedOrStaff: Access = ({ req }) => (signedInStaff(req) ? true : { _status: { equals: 'published' } })
