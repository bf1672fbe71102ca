import { describe, expect, it } from 'vitest'

import { foldForSearch } from './search.ts'

describe('foldForSearch: how the CMS stores and the shop looks up item text', () => {
  it.each([
    ['Crème Brûlée', 'creme brulee'],
    ['  KAYA   Toast\n', 'kaya toast'],
    ['Ｍｉｌｏ', 'milo'], // full-width letters fold to ASCII (NFKD)
    ['Jalapeño', 'jalapeno'],
    ['', ''],
  ])('%j → %j', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded)
  })

  it("folds a shopper's words the same way as the stored text, so accents never decide a match", () => {
    expect(foldForSearch('CREME')).toBe(foldForSearch('crème'))
  })
})
