import { describe, expect, it } from 'vitest'

import { aisleView } from './aislePages'

describe('aisleView', () => {
  it("reads the shop's aisle filter, as a query string or JSON brings it", () => {
    expect(
      aisleView(
        {
          and: [
            { categories: { in: ['12'] } },
            { soldOut: { equals: 'false' } },
            { price: { greater_than_equal: '150', less_than_equal: 900 } },
          ],
        },
        ['price', 'createdAt'],
      ),
    ).toEqual({
      aisle: 12,
      conditions: [
        ['sold_out', '=', 0],
        ['price', '>=', 150],
        ['price', '<=', 900],
      ],
      order: [
        ['price', 'ASC'],
        ['created_at', 'ASC'],
      ],
    })
    expect(aisleView({ categories: { equals: 7 }, _status: { equals: 'published' } }, ['-createdAt'])).toEqual({
      aisle: 7,
      conditions: [],
      order: [['created_at', 'DESC']],
    })
  })

  it('leaves to Payload anything the aisle index cannot answer', () => {
    // No aisle, two aisles, an aisle that is no id.
    expect(aisleView({ soldOut: { equals: false } }, ['name'])).toBeUndefined()
    expect(aisleView({ categories: { in: [1, 2] } }, ['name'])).toBeUndefined()
    expect(aisleView({ and: [{ categories: { in: [1] } }, { categories: { in: [2] } }] }, ['name'])).toBeUndefined()
    expect(aisleView({ categories: { in: ['1 or 1=1'] } }, ['name'])).toBeUndefined()
    // Another field, another operator, an `or`, a value that is not one.
    expect(aisleView({ categories: { in: [1] }, name: { like: 'tea' } }, ['name'])).toBeUndefined()
    expect(aisleView({ categories: { not_in: [1] } }, ['name'])).toBeUndefined()
    expect(aisleView({ or: [{ categories: { in: [1] } }] }, ['name'])).toBeUndefined()
    expect(aisleView({ categories: { in: [1] }, price: { less_than: 'cheap' } }, ['name'])).toBeUndefined()
    expect(aisleView({ categories: { in: [1] }, soldOut: { equals: 'maybe' } }, ['name'])).toBeUndefined()
    expect(aisleView({ categories: { in: [1] }, _status: { equals: 'draft' } }, ['name'])).toBeUndefined()
    // A sort the shop does not offer.
    expect(aisleView({ categories: { in: [1] } }, ['quantity'])).toBeUndefined()
  })
})
