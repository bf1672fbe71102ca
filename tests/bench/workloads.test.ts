import { describe, expect, it } from 'vitest'

import { catalogueSearch, parseCatalogue } from '../../storefront/src/lib/catalogue.ts'
import { ITEMS_PER_PAGE } from '../../storefront/src/lib/queries.ts'
import { random } from './random.ts'
import { benchItems } from './seed.ts'
import { aislePaths, cataloguePath, catalogueViews, inOrder, neverTwice, samePath } from './workloads.ts'

const items = benchItems(10_000)

describe('path sources', () => {
  it('count a hot workload’s repeats', () => {
    const source = samePath('/')
    for (let i = 0; i < 5; i++) expect(source.next()).toBe('/')
    expect(source).toMatchObject({ handedOut: 5, repeats: 4 })
  })

  it('hand out a list once, then count each path of another lap as a repeat', () => {
    const source = inOrder(['/a', '/b', '/c'])
    expect(Array.from({ length: 5 }, source.next)).toEqual(['/a', '/b', '/c', '/a', '/b'])
    expect(source).toMatchObject({ handedOut: 5, repeats: 2 })
  })

  it('never hand out a drawn path twice while the space lasts, then count the repeats', () => {
    const next = random(1)
    const source = neverTwice(() => `/${Math.floor(next() * 10)}`)
    const first = Array.from({ length: 10 }, source.next)
    expect(new Set(first).size).toBe(10)
    expect(source.repeats).toBe(0)
    source.next()
    expect(source).toMatchObject({ handedOut: 11, repeats: 1 })
  })
})

describe('catalogue views', () => {
  const draw = catalogueViews(items, random(3))
  const views = Array.from({ length: 2000 }, draw)

  it('are catalogue pages a shopper reaches: tidy URLs the shop answers without a redirect', () => {
    for (const view of views) {
      const search = catalogueSearch(view)
      const parsed = parseCatalogue(new URLSearchParams(search))
      expect(parsed.errors).toEqual({})
      expect(parsed.view).toEqual(view)
      expect(cataloguePath(view)).toBe(`/${search}`)
    }
  })

  it('never go past the last page, and keep only bounds that change the result', () => {
    for (const view of views.slice(0, 300)) {
      const shown = items.filter((item) => !view.inStock || item.quantity > 0)
      const within = (min: number | undefined, max: number | undefined) =>
        shown.filter((item) => (min === undefined || item.price >= min) && (max === undefined || item.price <= max)).length
      const matching = within(view.min, view.max)
      expect(matching).toBeGreaterThan((view.page - 1) * ITEMS_PER_PAGE)
      if (view.min !== undefined) expect(within(undefined, view.max)).toBeGreaterThan(matching)
      if (view.max !== undefined) expect(within(view.min, undefined)).toBeGreaterThan(matching)
    }
  })

  it('mix every sort, the in-stock filter, price ranges and pages far into the catalogue', () => {
    expect(new Set(views.map((view) => view.sort)).size).toBe(5)
    expect(views.filter((view) => view.inStock).length).toBeGreaterThan(400)
    expect(views.filter((view) => view.min !== undefined && view.max !== undefined).length).toBeGreaterThan(200)
    expect(views.filter((view) => view.min === undefined && view.max === undefined).length).toBeGreaterThan(600)
    expect(Math.max(...views.map((view) => view.page))).toBeGreaterThan(300)
    // A typed price range: a shopper, who looks at its first pages only.
    const typed = views.filter((view) => view.min !== undefined || view.max !== undefined)
    expect(Math.max(...typed.map((view) => view.page))).toBe(3)
  })

  it('give far more distinct URLs than a cold page answers in a bench run', () => {
    const draw = catalogueViews(items, random(13))
    const source = neverTwice(() => cataloguePath(draw()))
    // A cold page is answered a few thousand times a second at most: 12 s of that, with room.
    for (let i = 0; i < 40_000; i++) source.next()
    expect(source.repeats).toBe(0)
  }, 60_000)
})

describe('aisle pages', () => {
  it('are tidy aisle URLs, never past the aisle’s last page, and many more than a bench run asks', () => {
    // (An aisle without items, as with a small BENCH_ITEMS, is left out, not drawn forever.)
    const aisles = [
      ...['rice', 'tea'].map((slug, n) => ({ slug, items: items.filter((_, i) => i % 2 === n) })),
      { slug: 'empty', items: [] },
    ]
    const source = neverTwice(aislePaths(aisles, random(5)))
    const paths = Array.from({ length: 40_000 }, source.next)
    expect(source.repeats).toBe(0)
    for (const path of paths.slice(0, 300)) {
      const url = new URL(path, 'http://shop')
      const slug = url.pathname.replace('/aisles/', '')
      expect(['rice', 'tea']).toContain(slug)
      const { view, errors } = parseCatalogue(url.searchParams)
      expect(errors).toEqual({})
      expect(catalogueSearch(view)).toBe(url.search)
      const shown = aisles
        .find((aisle) => aisle.slug === slug)!
        .items.filter(
          (item) =>
            (!view.inStock || item.quantity > 0) &&
            (view.min === undefined || item.price >= view.min) &&
            (view.max === undefined || item.price <= view.max),
        )
      expect(shown.length).toBeGreaterThan((view.page - 1) * ITEMS_PER_PAGE)
    }
  }, 60_000)
})
