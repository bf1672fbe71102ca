import type { Where } from 'payload'
import { describe, expect, it } from 'vitest'

import { splitUpperPriceBound } from './priceRangePages'

describe('splitUpperPriceBound', () => {
  it("takes the upper bound out of the shop's closed range, keeping everything else", () => {
    const where: Where = {
      and: [
        { categories: { in: [4] } },
        { soldOut: { equals: false } },
        { price: { greater_than_equal: '200' } },
        { price: { less_than_equal: '3000' } },
      ],
    }
    expect(splitUpperPriceBound(where)).toEqual({
      rest: { and: [{ categories: { in: [4] } }, { soldOut: { equals: false } }, { price: { greater_than_equal: '200' } }] },
      upper: { value: 3000, inclusive: true },
    })
  })

  it('reads both bounds from one condition, and a strict bound as strict', () => {
    expect(splitUpperPriceBound({ price: { greater_than: 100, less_than: 500 } })).toEqual({
      rest: { price: { greater_than: 100 } },
      upper: { value: 500, inclusive: false },
    })
  })

  it('leaves an open range, an or, and bounds that are not numbers to Payload', () => {
    expect(splitUpperPriceBound({ price: { less_than_equal: 500 } })).toBeUndefined()
    expect(splitUpperPriceBound({ price: { greater_than_equal: 500 } })).toBeUndefined()
    expect(splitUpperPriceBound({ or: [{ price: { greater_than: 1 } }, { price: { less_than: 9 } }] })).toBeUndefined()
    expect(splitUpperPriceBound({ price: { greater_than: 'cheap', less_than: 500 } })).toBeUndefined()
    expect(splitUpperPriceBound({ price: { greater_than: 1, less_than: '' } })).toBeUndefined()
    expect(splitUpperPriceBound({ price: { greater_than: 1, less_than: ['9'] } })).toBeUndefined()
  })
})
