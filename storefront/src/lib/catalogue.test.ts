/**
 * The catalogue's query-parameter parsing (storefront/src/lib/catalogue.ts), fed what shoppers,
 * broken links and hostile visitors send. The pages use exactly this module.
 */
import { describe, expect, it } from 'vitest'

import { catalogueSearch, DEFAULT_VIEW, parseCatalogue, SEARCH_MAX_LENGTH, toAmount, toMinorUnits } from './catalogue'

const parse = (query: string) => parseCatalogue(new URLSearchParams(query))

describe('catalogue query parameters', () => {
  it('no parameters: the whole catalogue, in stock first, page 1', () => {
    expect(parse('')).toEqual({ view: DEFAULT_VIEW, errors: {}, typed: { q: '', min: '', max: '' } })
  })

  it('a full view is read as the shopper asked', () => {
    const { view, errors } = parse('q=kaya+toast&sort=price-desc&inStock=1&min=1.5&max=20&page=3')
    expect(errors).toEqual({})
    expect(view).toEqual({ q: 'kaya toast', sort: 'price-desc', inStock: true, min: 150, max: 2000, page: 3 })
  })

  it.each([['page=-3'], ['page=0'], ['page=abc'], ['page=2.5'], ['page=1e9'], ['page='], ['page=NaN'], ['page=Infinity']])(
    'a mangled page (%s) shows the first page',
    (query) => {
      const { view, errors } = parse(query)
      expect(view.page).toBe(1)
      expect(errors).toEqual({})
    },
  )

  it.each([['sort=DROP'], ['sort=name;DROP TABLE items'], ['sort=-price'], ['sort=']])(
    'an unknown sort (%s) falls back to the default order',
    (query) => {
      expect(parse(query).view.sort).toBe('available')
      expect(parse(query).errors).toEqual({})
    },
  )

  it('only 1, true or on mean "in stock only"', () => {
    expect(parse('inStock=1').view.inStock).toBe(true)
    expect(parse('inStock=on').view.inStock).toBe(true)
    for (const value of ['0', 'yes please', '', '<script>']) expect(parse(`inStock=${encodeURIComponent(value)}`).view.inStock).toBe(false)
  })

  it('a search of 10 000 characters is refused with a message, not run', () => {
    const { view, errors, typed } = parse(`q=${'a'.repeat(10_000)}`)
    expect(errors.q).toBe(`Search for at most ${SEARCH_MAX_LENGTH} characters.`)
    expect(view.q).toBe('')
    expect(typed.q).toHaveLength(10_000)
  })

  it('search words are trimmed and control characters dropped', () => {
    expect(parse('q=%20%20milo%0A%00tin%09').view.q).toBe('milo tin')
    expect(parse(`q=${'b'.repeat(SEARCH_MAX_LENGTH)}`).errors).toEqual({})
  })

  it.each([
    ['min=abc', 'min', 'Lowest price must be an amount like 12.50.'],
    ['max=-5', 'max', 'Highest price must be an amount like 12.50.'],
    ['min=1.999', 'min', 'Lowest price must be an amount like 12.50.'],
    ['max=1e5', 'max', 'Highest price must be an amount like 12.50.'],
    ['min=99999999', 'min', 'Lowest price must be an amount like 12.50.'],
    ['min=5&max=2', 'max', 'Highest price must not be below the lowest price.'],
  ])('a price the shopper typed wrongly (%s) gets a message on that field', (query, field, message) => {
    const { errors } = parse(query)
    expect(errors).toEqual({ [field]: message })
  })

  it('prices become exact cents without floating point: 0.10 + 0.20 style values stay exact', () => {
    expect(parse('min=0.1&max=0.30').view).toMatchObject({ min: 10, max: 30 })
    expect(parse('min=$2&max=S$%204.05').view).toMatchObject({ min: 200, max: 405 })
    expect(parse('min=.5').view.min).toBe(50)
    expect(toMinorUnits('1234567.89')).toBe(123456789)
    expect(toMinorUnits('19.99')).toBe(1999) // 19.99 * 100 is 1998.9999999999998 in floating point
    expect(toAmount(30)).toBe('0.30')
    expect(toAmount(1999)).toBe('19.99')
    expect(toAmount(5)).toBe('0.05')
    expect(toMinorUnits('12', 0)).toBe(12)
  })

  it('an empty form field means "not set"', () => {
    const { view, errors } = parse('q=&sort=available&min=&max=%20')
    expect(errors).toEqual({})
    expect(view).toEqual(DEFAULT_VIEW)
  })

  it('repeated parameters: the first counts', () => {
    expect(parse('page=2&page=5&sort=name&sort=newest').view).toMatchObject({ page: 2, sort: 'name' })
  })

  it('a view is written back as one tidy URL that parses to the same view', () => {
    const view = { q: 'milo & kaya', sort: 'newest', inStock: true, min: 5, max: 1000, page: 2 } as const
    const search = catalogueSearch(view)
    expect(search).toBe('?q=milo+%26+kaya&sort=newest&inStock=1&min=0.05&max=10.00&page=2')
    expect(parse(search.slice(1)).view).toEqual(view)
    expect(catalogueSearch(DEFAULT_VIEW)).toBe('')
  })
})
