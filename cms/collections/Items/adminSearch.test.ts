import type { Where } from 'payload'
import { describe, expect, it } from 'vitest'

import { indexedSearch, replaceSearches } from './adminSearch'

describe("the admin list's search from the trigram index", () => {
  it("reads the list's search box (an `or` of name and SKU), and a name or SKU search alone", () => {
    expect(indexedSearch({ or: [{ name: { like: 'kaya jam' } }, { sku: { like: 'kaya jam' } }] })).toEqual([
      { column: 'name', words: ['kaya', 'jam'] },
      { column: 'sku', words: ['kaya', 'jam'] },
    ])
    expect(indexedSearch({ sku: { like: 'KAYA-400' } })).toEqual([{ column: 'sku', words: ['KAYA-400'] }])
  })

  it('leaves to Payload what the index cannot serve as LIKE would', () => {
    for (const node of [
      { name: { like: 'ka' } }, // under three letters
      { name: { like: 'kaya  jam' } }, // an empty word (two spaces): LIKE '%%' is everything
      { name: { like: '100%' } }, // LIKE's own wildcards
      { name: { like: 'a_b' } },
      { name: { like: 42 } },
      { name: { like: 'kaya', equals: 'x' } },
      { slug: { like: 'kaya' } }, // not a searched column
      { or: [{ name: { like: 'kaya' } }, { price: { equals: 480 } }] },
      { or: [] },
      { name: { contains: 'kaya' } },
    ] as Where[])
      expect(indexedSearch(node), JSON.stringify(node)).toBeUndefined()
  })

  it('replaces each searchable node where it stands, and keeps the rest of the filter', async () => {
    const where: Where = { and: [{ _status: { equals: 'draft' } }, { or: [{ name: { like: 'milo' } }, { sku: { like: 'milo' } }] }] }
    const replaced = await replaceSearches(where, async (search) => ({ id: { in: [search.length] } }))
    expect(replaced).toEqual({ and: [{ _status: { equals: 'draft' } }, { id: { in: [2] } }] })
    expect(where.and).toHaveLength(2) // the caller's filter is not changed in place
    expect((where.and as Where[])[1]).toEqual({ or: [{ name: { like: 'milo' } }, { sku: { like: 'milo' } }] })
  })

  it('gives back the same filter when nothing was replaced (or the index declined)', async () => {
    const where: Where = { and: [{ price: { less_than: 500 } }, { name: { like: 'kaya' } }] }
    expect(await replaceSearches(where, async () => undefined)).toBe(where)
    const other: Where = { price: { less_than: 500 } }
    expect(await replaceSearches(other, async () => ({ id: { in: [1] } }))).toBe(other)
  })
})
