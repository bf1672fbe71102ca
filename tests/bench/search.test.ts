import { describe, expect, it } from 'vitest'

import { catalogueSearch, parseCatalogue, SEARCH_MAX_LENGTH } from '../../storefront/src/lib/catalogue.ts'
import { ITEMS_PER_PAGE } from '../../storefront/src/lib/queries.ts'
import { random } from './random.ts'
import { searchViews, typo } from './search.ts'
import { benchItems } from './seed.ts'
import { neverTwice } from './workloads.ts'

/** Whether `b` is `a` with one letter missing, added, changed or two neighbours swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (a[i] === b[i]) i++
  return (
    a.slice(i + 1) === b.slice(i + 1) ||
    a.slice(i + 1) === b.slice(i) ||
    a.slice(i) === b.slice(i + 1) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
  )
}

describe('typo', () => {
  it('makes one edit, and keeps the first letter', () => {
    const next = random(5)
    for (let i = 0; i < 5000; i++) {
      const word = ['coconut', 'jasmine', 'noodles', 'rice', 'candy'][i % 5]!
      const typed = typo(word, next)
      expect(typed[0]).toBe(word[0])
      expect(oneEditApart(word, typed), `${word} → ${typed}`).toBe(true)
    }
  })
})

describe('search views', () => {
  const items = benchItems(10_000)
  const views = Array.from({ length: 3000 }, searchViews(10_000, random(2026)))
  const stem = (word: string) => word.replace(/s$/, '')

  it('are searches a shopper types: 1 to 4 lowercase words, tidy URLs the shop answers without a redirect', () => {
    for (const view of views) {
      const words = view.q.split(' ')
      expect(words.length).toBeGreaterThanOrEqual(1)
      expect(words.length).toBeLessThanOrEqual(4)
      expect(view.q.length).toBeLessThanOrEqual(SEARCH_MAX_LENGTH)
      expect(view.q).toBe(view.q.toLowerCase())
      const parsed = parseCatalogue(new URLSearchParams(catalogueSearch(view)))
      expect(parsed.errors).toEqual({})
      expect(parsed.view).toEqual(view)
    }
  })

  it('mix lengths, filters and pages', () => {
    for (const length of [1, 2, 3, 4]) expect(views.filter((view) => view.q.split(' ').length === length).length).toBeGreaterThan(150)
    expect(views.filter((view) => view.inStock).length).toBeGreaterThan(500)
    expect(views.filter((view) => view.page === 2).length).toBeGreaterThan(30)
    expect(views.filter((view) => view.page === 3).length).toBeGreaterThan(30)
  })

  it('ask for page 2 or 3 only when that many items hold every word', () => {
    for (const view of views.filter((view) => view.page > 1)) {
      const words = view.q.split(' ').map(stem)
      const matching = items.filter((item) => {
        if (view.inStock && item.quantity <= 0) return false
        const own = item.name.toLowerCase().split(' ').map(stem)
        return words.every((word) => own.includes(word))
      }).length
      expect(matching, view.q).toBeGreaterThan((view.page - 1) * ITEMS_PER_PAGE)
    }
  })

  it('give far more distinct URLs than a cold search answers in a bench run', () => {
    const draw = searchViews(10_000, random(2027))
    const source = neverTwice(() => catalogueSearch(draw()))
    for (let i = 0; i < 200_000; i++) source.next()
    expect(source.repeats).toBe(0)
  }, 60_000)
})
