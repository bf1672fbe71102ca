/**
 * The exact REST queries the storefront sends (storefront/src/lib/queries.ts), run against a real
 * CMS: search, sorts, filters, paging, drafts, and the fields the CMS keeps for them.
 */
import { stringify } from 'qs-esm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CatalogueView } from '../../storefront/src/lib/catalogue'

import { DEFAULT_VIEW } from '../../storefront/src/lib/catalogue'
import {
  catalogueCountQuery,
  catalogueFields,
  catalogueQuery,
  catalogueSearchQuery,
  ITEMS_PER_PAGE,
  itemBySlugQuery,
  type RestQuery,
  sitemapQuery,
} from '../../storefront/src/lib/queries'
import { freshDatabaseUri } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { paragraph } from '../helpers/richText'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let cms: Cms
let token: string
const query = async (q: RestQuery) => rest(cms.url, `items?${stringify(q)}`)
/**
 * A catalogue page as the shop gets it: the page's items, and the view's count asked apart; a
 * search (words in the view) is one request to the CMS's search, in its default order (best match).
 */
const catalogue = async (partial: Partial<CatalogueView>) => {
  const view = { ...DEFAULT_VIEW, ...(partial.q ? { sort: 'relevance' as const } : {}), ...partial }
  if (view.q) {
    const found = await rest(cms.url, `items/search?${stringify(catalogueSearchQuery(view))}`)
    expect(found.status, JSON.stringify(found.body)).toBe(200)
    return found.body
  }
  const [page, count] = await Promise.all([
    query(catalogueQuery(view)),
    rest(cms.url, `items/count?${stringify(catalogueCountQuery(view))}`),
  ])
  expect(count.status).toBe(200)
  return { ...page.body, totalDocs: count.body.totalDocs }
}
const names = (body: any): string[] => body.docs.map((doc: any) => doc.name)
const create = async (body: Record<string, unknown>) => {
  const response = await rest(cms.url, 'items', { method: 'POST', token, body: { _status: 'published', ...body } })
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body.doc
}

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri(), env: { SEED_DEMO: 'true' } })
  token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  // 21 demo items (one sold out) + 5 = 26: two catalogue pages.
  for (const n of [1, 2, 3, 4, 5]) await create({ name: `Zebra Biscuits No. ${n}`, price: 100 * n, quantity: n })
  await create({
    name: 'Crème Caramel Cup',
    price: 30,
    quantity: 0,
    description: paragraph('Silky baked custard with a bitter 100% burnt-sugar top.'),
  })
})
afterAll(() => cms?.stop())

describe('the catalogue query', () => {
  it('a page of 24 items with exactly the fields the cards render', async () => {
    const body = await catalogue({})
    expect(body).toMatchObject({ totalDocs: 27, page: 1 })
    expect(body.docs).toHaveLength(ITEMS_PER_PAGE)
    const allowed = ['id', ...Object.keys(catalogueFields)]
    for (const doc of body.docs) expect(Object.keys(doc).every((key) => allowed.includes(key))).toBe(true)
  })

  it('by default, available items by name, then sold-out items by name', async () => {
    const all = [...(await catalogue({})).docs, ...(await catalogue({ page: 2 })).docs]
    const stock = all.map((doc: any) => doc.quantity > 0)
    expect(stock.indexOf(false)).toBe(all.length - 2)
    expect(all.slice(-2).map((doc: any) => doc.name)).toEqual(['Crème Caramel Cup', 'Isotonic Drink 500 ml'])
    const available = all.slice(0, -2).map((doc: any) => doc.name)
    expect(available).toEqual([...available].sort((a, b) => a.localeCompare(b, 'en')))
  })

  it('page 2 holds the rest', async () => {
    const body = await catalogue({ page: 2 })
    expect(body.page).toBe(2)
    expect(body.docs).toHaveLength(3)
  })

  it('sort by name mixes sold-out items in', async () => {
    const body = await catalogue({ sort: 'name' })
    expect(names(body).slice(0, 4)).toEqual([
      'AA Batteries (4 pack)',
      'Chrysanthemum Tea (6 cans)',
      'Crème Caramel Cup',
      'Dark Chocolate Bar 100 g',
    ])
  })

  it('sort by price, both ways', async () => {
    const low = (await catalogue({ sort: 'price-asc' })).docs.map((doc: any) => doc.price)
    expect(low).toEqual([...low].sort((a, b) => a - b))
    expect(low[0]).toBe(30)
    const high = (await catalogue({ sort: 'price-desc' })).docs.map((doc: any) => doc.price)
    expect(high).toEqual([...high].sort((a, b) => b - a))
    expect(high[0]).toBe(1495)
  })

  it('newest first', async () => {
    const body = await catalogue({ sort: 'newest' })
    expect(names(body).slice(0, 2)).toEqual(['Crème Caramel Cup', 'Zebra Biscuits No. 5'])
  })

  it('search: by a word of the name or the description, any case, every word must match', async () => {
    expect(names(await catalogue({ q: 'kaya' }))).toEqual(['Kaya Spread 400 g'])
    expect(names(await catalogue({ q: 'PANDAN' }))).toEqual(['Kaya Spread 400 g'])
    expect(names(await catalogue({ q: 'pandan coconut' }))).toEqual(['Kaya Spread 400 g'])
    expect(names(await catalogue({ q: 'pandan milo' }))).toEqual([])
    // Name and description words together.
    expect(names(await catalogue({ q: 'spread butter' }))).toEqual(['Kaya Spread 400 g'])
  })

  it('search ignores accents, and finds nothing for rich-text JSON keys', async () => {
    expect(names(await catalogue({ q: 'creme' }))).toEqual(['Crème Caramel Cup'])
    expect(names(await catalogue({ q: 'CRÈME custard' }))).toEqual(['Crème Caramel Cup'])
    expect((await catalogue({ q: 'paragraph' })).totalDocs).toBe(0)
    expect((await catalogue({ q: 'root' })).totalDocs).toBe(0)
  })

  it('search: SQL wildcards are not wildcards; punctuation alone finds nothing', async () => {
    expect((await catalogue({ q: '%' })).totalDocs).toBe(0)
    expect((await catalogue({ q: 'zz%' })).totalDocs).toBe(0)
    expect((await catalogue({ q: '_' })).totalDocs).toBe(0)
    expect(names(await catalogue({ q: 'burnt%sugar' }))).toEqual(['Crème Caramel Cup'])
  })

  it('in stock only', async () => {
    const body = await catalogue({ inStock: true })
    expect(body.totalDocs).toBe(25)
    expect(body.docs.every((doc: any) => doc.quantity > 0)).toBe(true)
  })

  it('price range, inclusive, in cents', async () => {
    const body = await catalogue({ min: 100, max: 300, sort: 'price-asc' })
    expect(body.docs.map((doc: any) => doc.price)).toEqual([100, 125, 200, 210, 230, 260, 295, 300])
    expect((await catalogue({ min: 1495 })).docs.map((doc: any) => doc.name)).toEqual(['Jasmine White Rice 5 kg'])
    expect((await catalogue({ max: 30 })).docs.map((doc: any) => doc.name)).toEqual(['Crème Caramel Cup'])
  })

  it('everything at once: search, filters, sort and page', async () => {
    const body = await catalogue({ q: 'zebra', inStock: true, min: 200, max: 400, sort: 'price-desc', page: 1 })
    expect(names(body)).toEqual(['Zebra Biscuits No. 4', 'Zebra Biscuits No. 3', 'Zebra Biscuits No. 2'])
  })

  it('drafts are never found, by catalogue, search, item or sitemap', async () => {
    await create({ name: 'Aardvark Crisps', price: 100, quantity: 1, _status: 'draft' })
    expect(names(await catalogue({}))).not.toContain('Aardvark Crisps')
    expect((await catalogue({ q: 'aardvark' })).totalDocs).toBe(0)
    expect((await query(itemBySlugQuery('aardvark-crisps'))).body.docs).toEqual([])
    expect((await query(sitemapQuery())).body.docs.map((doc: any) => doc.slug)).not.toContain('aardvark-crisps')
  })
})

describe('the fields the CMS keeps for the shop', () => {
  it('soldOut and searchText follow partial edits', async () => {
    const doc = await create({ name: 'Yam Cake', price: 350, quantity: 2, description: paragraph('Steamed with dried shrimp.') })
    expect(doc).toMatchObject({ soldOut: false, searchText: 'yam cake steamed with dried shrimp.' })
    const soldOut = await rest(cms.url, `items/${doc.id}`, { method: 'PATCH', token, body: { quantity: 0 } })
    expect(soldOut.body.doc).toMatchObject({ soldOut: true, searchText: 'yam cake steamed with dried shrimp.' })
    const renamed = await rest(cms.url, `items/${doc.id}`, { method: 'PATCH', token, body: { name: 'Fried Yam Cake', quantity: 9 } })
    expect(renamed.body.doc).toMatchObject({ soldOut: false, searchText: 'fried yam cake steamed with dried shrimp.' })
    expect(names(await catalogue({ q: 'fried shrimp' }))).toEqual(['Fried Yam Cake'])
  })

  it('summary: the description as plain text, cut at 160 characters, for the cards', async () => {
    const long = `Fragrant   pandan chiffon, ${'light and airy '.repeat(15)}`
    const doc = await create({ name: 'Pandan Chiffon', price: 800, quantity: 4, description: paragraph(long) })
    expect(doc.summary).toHaveLength(160)
    expect(doc.summary).toMatch(/^Fragrant pandan chiffon, light and airy .*…$/)
    const cards = await catalogue({ q: 'pandan chiffon' })
    expect(cards.docs[0]).toMatchObject({ name: 'Pandan Chiffon', summary: doc.summary })
    expect(cards.docs[0].description).toBeUndefined()
    await rest(cms.url, `items/${doc.id}`, { method: 'DELETE', token })
  })

  it('a client cannot set them by hand', async () => {
    const doc = await create({ name: 'Ghost Item', price: 100, quantity: 0, soldOut: false, searchText: 'milo', summary: 'Free!' })
    expect(doc).toMatchObject({ soldOut: true, searchText: 'ghost item', summary: '' })
    await rest(cms.url, `items/${doc.id}`, { method: 'DELETE', token })
  })
})

describe('the item and sitemap queries', () => {
  it('item by slug: the fields the item page renders, with its rich-text description', async () => {
    const { body } = await query(itemBySlugQuery('kaya-spread-400-g'))
    expect(body.docs).toHaveLength(1)
    expect(body.docs[0]).toMatchObject({ name: 'Kaya Spread 400 g', price: 480, quantity: 3 })
    expect(body.docs[0].searchText).toBeUndefined()
    expect(JSON.stringify(body.docs[0].description)).toContain('coconut and pandan')
  })

  it('item by slug: an unknown slug finds nothing', async () => {
    const { status, body } = await query(itemBySlugQuery('no-such-item'))
    expect(status).toBe(200)
    expect(body.docs).toEqual([])
  })

  it('sitemap: every published item in one answer, slug and date only', async () => {
    const { body } = await query(sitemapQuery())
    expect(body.docs.length).toBe(body.totalDocs)
    expect(body.docs.length).toBeGreaterThan(ITEMS_PER_PAGE)
    expect(Object.keys(body.docs[0]).sort()).toEqual(['id', 'slug', 'updatedAt'])
  })

  it('sitemap: in parts, each published item in exactly one, in name order', async () => {
    const whole = (await query(sitemapQuery())).body.docs.map((doc: any) => doc.slug)
    const parts: string[][] = []
    for (let part = 1; part <= Math.ceil(whole.length / 7) + 1; part++)
      parts.push((await query(sitemapQuery(part, 7))).body.docs.map((doc: any) => doc.slug))
    expect(parts.at(-1)).toEqual([])
    expect(parts.slice(0, -2).every((slugs) => slugs.length === 7)).toBe(true)
    expect(parts.flat()).toEqual(whole)
  })
})
