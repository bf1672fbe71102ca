import { describe, expect, it } from 'vitest'

import { aislesAsSlugs } from './spreadsheetAisles'

describe("an item's aisles in a spreadsheet cell", () => {
  it("are their slugs, comma-separated, in the item's order", () => {
    expect(
      aislesAsSlugs({
        value: [
          { id: 1, slug: 'drinks' },
          { id: 3, slug: 'breakfast-staples' },
        ],
      }),
    ).toBe('drinks,breakfast-staples')
  })

  it('no aisles is an empty cell', () => {
    expect(aislesAsSlugs({ value: [] })).toBe('')
    expect(aislesAsSlugs({ value: null })).toBe('')
  })
})
