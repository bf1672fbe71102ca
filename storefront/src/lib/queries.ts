/**
 * The Payload REST queries the storefront sends, as plain data (no Astro imports), so the
 * integration tests can run exactly these queries against a real CMS.
 */
import type { Where } from 'payload'

export const ITEMS_PER_PAGE = 24

/** The item fields the catalogue renders; nothing else is fetched. */
export const catalogueFields = { name: true, slug: true, price: true, quantity: true, description: true } as const

export type RestQuery = {
  depth: number
  limit: number
  page?: number
  select?: Record<string, true>
  sort?: string
  where?: Where
}

export const catalogueQuery = (page: number): RestQuery => ({
  depth: 0,
  limit: ITEMS_PER_PAGE,
  page,
  sort: 'name',
  select: catalogueFields,
})

export const itemBySlugQuery = (slug: string): RestQuery => ({
  depth: 0,
  limit: 1,
  where: { slug: { equals: slug } },
})
