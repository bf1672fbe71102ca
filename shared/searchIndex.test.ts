import { describe, expect, it } from 'vitest'

import { itemSearchTerms, prefixWithinOneEdit, rank, scoreOf, searchPlan, singular, withinOneEdit, wordMatch } from './searchIndex.ts'

describe('withinOneEdit: Damerau–Levenshtein distance at most one', () => {
  it.each([
    ['chocolate', 'chocolate', true],
    ['choclate', 'chocolate', true], // missing
    ['chocollate', 'chocolate', true], // added
    ['detergant', 'detergent', true], // changed
    ['noodels', 'noodles', true], // swapped
    ['ab', 'ba', true],
    ['chcolaet', 'chocolate', false], // two edits
    ['noodles', 'nodel', false],
    ['abc', 'bcd', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected)
    expect(withinOneEdit(b, a)).toBe(expected)
  })
})

describe('singular', () => {
  it.each([
    ['noodles', 'noodle'],
    ['batteries', 'battery'],
    ['boxes', 'box'],
    ['glasses', 'glass'],
    ['glass', 'glass'],
    ['eggs', 'egg'],
    ['rice', 'rice'],
    ['bus', 'bus'],
  ])('%s → %s', (word, expected) => expect(singular(word)).toBe(expected))
})

describe('wordMatch', () => {
  it('whole word (either number), prefix, one typo from five letters, nothing else', () => {
    expect(wordMatch('noodle', 'noodles')).toBe(3)
    expect(wordMatch('noodles', 'noodle')).toBe(3)
    expect(wordMatch('choc', 'chocolate')).toBe(2)
    expect(wordMatch('choclate', 'chocolate')).toBe(1)
    expect(wordMatch('rics', 'rice')).toBe(0) // four letters: no typo allowed
    expect(wordMatch('chcolaet', 'chocolate')).toBe(0)
  })

  it('a prefix with one typo, as a shopper types on: changed, added, missing or swapped letters', () => {
    expect(wordMatch('chocl', 'chocolate')).toBe(1) // changed (choco)
    expect(wordMatch('xhoco', 'chocolate')).toBe(1) // changed, first letter
    expect(wordMatch('chocko', 'chocolate')).toBe(1) // added
    expect(wordMatch('chcol', 'chocolate')).toBe(1) // missing (chocol)
    expect(wordMatch('chcoo', 'chocolate')).toBe(1) // swapped (choco)
    expect(wordMatch('detergan', 'detergent')).toBe(1)
    expect(wordMatch('chxxl', 'chocolate')).toBe(0) // two typos
    expect(wordMatch('chol', 'chocolate')).toBe(0) // four letters: no typo allowed
  })

  it('prefixWithinOneEdit agrees with comparing every prefix of the word one edit away', () => {
    const words = ['chocolate', 'detergent', 'jasmine', 'series', 'serie', 'noodles', 'abcabc', 'aaaaab']
    const queries = [
      'chocl',
      'chcol',
      'chocko',
      'chcoo',
      'xhoco',
      'chxxl',
      'detrg',
      'jasmni',
      'serise',
      'sries',
      'abcba',
      'aaaab',
      'baaaa',
      'noodels',
    ]
    for (const word of words)
      for (const query of queries) {
        let slow = false
        for (let length = 1; length <= word.length; length++) if (withinOneEdit(query, word.slice(0, length))) slow = true
        expect(prefixWithinOneEdit(query, word), `${query} / ${word}`).toBe(slow)
      }
  })
})

/** The index finds a word when the query's keys meet the item's: what both databases compute. */
const found = (q: string, name: string, description = '') => {
  const terms = new Set(itemSearchTerms(name, `${name} ${description}`.toLowerCase()))
  // (A key ending in `*` asks for every key that begins with it.)
  const meets = (key: string) => (key.endsWith('*') ? [...terms].some((term) => term.startsWith(key.slice(0, -1))) : terms.has(key))
  return searchPlan(q).every((word) => word.prefixTypoKeys.some(meets))
}

describe('index keys meet the query keys for every forgiven difference', () => {
  it.each([
    ['choclate', 'Dark Chocolate Bar'],
    ['chocolatte', 'Dark Chocolate Bar'],
    ['chocolaet', 'Dark Chocolate Bar'],
    ['chocolave', 'Dark Chocolate Bar'],
    ['choc', 'Dark Chocolate Bar'],
    ['noodle', 'Instant Noodles'],
    ['noodles', 'Curry Noodle'],
    ['CRÈME', 'Creme Caramel'],
    ['caramel creme', 'Crème Caramel'],
    ['laundry detergant', 'Laundry Detergent 2 kg'],
    ['jasmin rice', 'Jasmine White Rice 5 kg'],
    ['ricee', 'Jasmine Rice'],
    // A prefix with one typo.
    ['chocl', 'Dark Chocolate Bar'],
    ['chcol', 'Dark Chocolate Bar'],
    ['chocko', 'Dark Chocolate Bar'],
    ['chcoo', 'Dark Chocolate Bar'],
    ['jasmi whiet', 'Jasmine White Rice 5 kg'],
    ['laundry detrg', 'Laundry Detergent 2 kg'],
  ])('%j finds %j', (q, name) => expect(found(q, name)).toBe(true))

  it.each([
    ['rics', 'Jasmine Rice'], // a typo in a four-letter word
    ['chcolaet', 'Dark Chocolate Bar'], // two typos
    ['chxxl', 'Dark Chocolate Bar'], // a prefix with two typos
    ['chocolate milk', 'Dark Chocolate Bar'], // every word must match
  ])('%j does not find %j', (q, name) => {
    // (A prefix key may bring more candidates than match: the ranking checks each.)
    const candidate = { id: 1, name, searchText: name.toLowerCase() }
    expect(found(q, name) && rank(searchPlan(q), [candidate]).length > 0).toBe(false)
  })

  it('name keys are marked, so the name can be searched alone', () => {
    const terms = itemSearchTerms('Kaya Toast', 'kaya toast with butter')
    expect(terms).toContain('n=kaya')
    expect(terms).toContain('=butter')
    expect(terms).not.toContain('n=butter')
  })
})

describe('ranking', () => {
  const item = (id: number, name: string, searchText = name.toLowerCase(), soldOut = false) => ({ id, name, searchText, soldOut })
  const names = (q: string, items: ReturnType<typeof item>[]) => rank(searchPlan(q), items).map((ranked) => ranked.name)

  it('name beats description, whole word beats prefix, exact beats fuzzy', () => {
    const items = [
      item(1, 'Chocolate Wafers', 'chocolate wafers'),
      item(2, 'Milk Biscuits', 'milk biscuits dipped in chocolate'),
      item(3, 'Chocolates Box'),
      item(4, 'Chocolatey Spread'),
    ]
    expect(names('chocolate', items)).toEqual(['Chocolate Wafers', 'Chocolates Box', 'Chocolatey Spread', 'Milk Biscuits'])
    expect(names('chocolat', items).at(-1)).toBe('Milk Biscuits')
  })

  it('ties: in stock first, then by name; an item missing a word is not a match', () => {
    const items = [item(1, 'Wafer B', 'wafer b', true), item(2, 'Wafer C'), item(3, 'Wafer A'), item(4, 'Biscuit')]
    expect(names('wafer', items)).toEqual(['Wafer A', 'Wafer C', 'Wafer B'])
    expect(scoreOf(searchPlan('wafer biscuit'), items[0]!).score).toBe(0)
  })

  it('did-you-mean ranks by how many words match', () => {
    const items = [item(1, 'Dark Chocolate Bar'), item(2, 'Chocolate Milk Powder')]
    expect(rank(searchPlan('chocolate milk noodles'), items, { all: false }).map((ranked) => ranked.name)).toEqual([
      'Chocolate Milk Powder',
      'Dark Chocolate Bar',
    ])
  })

  it('a query is at most eight distinct words, of letters and digits', () => {
    expect(searchPlan('a b c d e f g h i j').length).toBe(8)
    expect(searchPlan('  %%% ')).toEqual([])
    expect(searchPlan('Rice rice RICE').map((word) => word.word)).toEqual(['rice'])
  })
})

describe('typos only when needed', () => {
  it('a word typed right finds its own items, not the one-typo look-alikes; a typo finds what it can', () => {
    const items = [
      { id: 1, name: 'Wafer Roll', searchText: 'wafer roll' },
      { id: 2, name: 'Mineral Water', searchText: 'mineral water' },
    ]
    expect(rank(searchPlan('wafer'), items).map((ranked) => ranked.name)).toEqual(['Wafer Roll'])
    expect(rank(searchPlan('wafre'), items).map((ranked) => ranked.name)).toEqual(['Wafer Roll'])
    expect(rank(searchPlan('watter'), items).map((ranked) => ranked.name)).toEqual(['Mineral Water'])
  })
})
