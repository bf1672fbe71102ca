import { describe, expect, it } from 'vitest'

import { filtersOnAisles } from './deepPages'

describe('filtersOnAisles', () => {
  it('finds an aisle anywhere in a where, as the shop and API users write it', () => {
    expect(filtersOnAisles({ and: [{ categories: { in: [4] } }, { soldOut: { equals: false } }] })).toBe(true)
    expect(filtersOnAisles({ categories: { equals: 4 } })).toBe(true)
    expect(filtersOnAisles({ or: [{ price: { less_than: 5 } }, { and: [{ 'categories.slug': { equals: 'drinks' } }] }] })).toBe(true)
  })

  it('is false for other filters and for none', () => {
    expect(filtersOnAisles(undefined)).toBe(false)
    expect(filtersOnAisles({ and: [{ soldOut: { equals: false } }, { price: { greater_than_equal: 100 } }] })).toBe(false)
    expect(filtersOnAisles({ name: { equals: 'categories' } })).toBe(false)
  })
})
