/**
 * Deep catalogue pages (cms/collections/Items/hooks/deepPages.ts): a page at least DEEP_OFFSET
 * rows into a list (any page of an aisle), read as the shop reads it
 * (`pagination=false`), is served from a kept list of the ids in order instead of stepping over
 * every row before it. What a shopper, a crawler or an
 * API user sees must not change: each deep page, every time it is asked for, is exactly the page
 * Payload's own offset paging gives (`pagination=true`), in every sort the shop offers, with its
 * filters, for anonymous readers and API keys, and still right the moment the catalogue changes.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { stringify } from 'qs-esm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEEP_OFFSET } from '../../cms/collections/Items/hooks/deepPages'
import { DEFAULT_VIEW, SORTS, type SortKey } from '../../storefront/src/lib/catalogue'
import { catalogueCountQuery, catalogueQuery, type RestQuery } from '../../storefront/src/lib/queries'
import { databaseKind, freshDatabaseUri } from '../helpers/database'
import { statementsOn } from '../helpers/queryPlans'
import { login, rest } from '../helpers/rest'
import { type Cms, productionEnv, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

const PER_PAGE = 24
const ITEMS = DEEP_OFFSET + 3 * PER_PAGE + 7
/** The first deep page and the ones after it, up to the last (partly filled) page. */
const DEEP_PAGES = [DEEP_OFFSET / PER_PAGE + 1, DEEP_OFFSET / PER_PAGE + 2, DEEP_OFFSET / PER_PAGE + 3]

let cms: Cms
let token: string
let apiKey: string
let aisle: number | string
const slugs: string[] = []
const ids: Array<number | string> = []

beforeAll(async () => {
  cms = await startCms({
    databaseUri: freshDatabaseUri(),
    env: { ...productionEnv(), LOG_LEVEL: databaseKind() === 'sqlite' ? 'trace' : 'info' },
  })
  token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  apiKey = randomBytes(16).toString('hex')
  expect((await rest(cms.url, 'api-clients', { method: 'POST', token, body: { name: 'Feed', enableAPIKey: true, apiKey } })).status).toBe(
    201,
  )
  const created = await rest(cms.url, 'categories', { method: 'POST', token, body: { name: 'Snacks', position: 1 } })
  expect(created.status).toBe(201)
  aisle = created.body.doc.id
  // Names, prices and stock that tie and interleave, so every sort's tie-breaker is exercised.
  const bodies = Array.from({ length: ITEMS }, (_, i) => ({
    name: `${['Kaya', 'Milo', 'Rice', 'Tea', 'Soap'][i % 5]} ${String(i % 97).padStart(2, '0')} no. ${i}`,
    price: 100 + ((i * 37) % 50) * 10,
    quantity: i % 4 === 0 ? 0 : i % 9,
    categories: i % 2 === 0 ? [aisle] : [],
    _status: i % 50 === 7 ? 'draft' : 'published',
  }))
  for (let from = 0; from < bodies.length; from += 8) {
    const responses = await Promise.all(
      bodies.slice(from, from + 8).map((body) => rest(cms.url, 'items?depth=0', { method: 'POST', token, body })),
    )
    for (const response of responses) {
      expect(response.status, JSON.stringify(response.body)).toBe(201)
      slugs.push(response.body.doc.slug)
      ids.push(response.body.doc.id)
    }
  }
}, 300_000)
afterAll(() => cms?.stop())

type Caller = 'anonymous' | 'api key'
const headersOf = (caller: Caller): Record<string, string> =>
  caller === 'api key' ? { authorization: `api-clients API-Key ${apiKey}` } : {}

/**
 * A where no list hook takes (aisles, deep pages and price ranges keep to the shop's filters):
 * the same items, as Payload's own find and count give them.
 */
const payloadsOwn = (where: unknown) => ({ and: [where, { id: { exists: true } }] })

/** The page's item slugs, in order: as the shop asks (no totals), or by Payload's own offset paging. */
async function pageOf(query: RestQuery, caller: Caller, { reference = false, requestId = randomUUID() } = {}): Promise<string[]> {
  const response = await rest(
    cms.url,
    `items?${stringify(reference ? { ...query, pagination: true, where: payloadsOwn(query.where) } : query)}`,
    {
      headers: { ...headersOf(caller), 'x-request-id': requestId },
    },
  )
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return response.body.docs.map((doc: { slug: string }) => doc.slug)
}

/** Each deep page three times over (kept lists are built on the second), against the reference. */
async function expectDeepPagesRight(view: Partial<typeof DEFAULT_VIEW>, caller: Caller, aisleId?: number | string) {
  for (const page of DEEP_PAGES) {
    const query = catalogueQuery({ ...DEFAULT_VIEW, ...view, page }, aisleId)
    const expected = await pageOf(query, caller, { reference: true })
    for (let time = 1; time <= 3; time++) expect(await pageOf(query, caller), `page ${page}, time ${time}`).toEqual(expected)
  }
}

describe('deep pages are the pages offset paging gives', () => {
  it.each(Object.keys(SORTS) as SortKey[])('in the order %s, for anonymous readers', async (sort) => {
    // The deepest page is partly filled: the list ends where Payload's pages end.
    const last = await pageOf(catalogueQuery({ ...DEFAULT_VIEW, sort, page: DEEP_PAGES.at(-1)! }), 'anonymous', { reference: true })
    expect(last.length).toBeGreaterThan(0)
    expect(last.length).toBeLessThan(PER_PAGE)
    await expectDeepPagesRight({ sort }, 'anonymous')
    const beyond = catalogueQuery({ ...DEFAULT_VIEW, sort, page: DEEP_PAGES.at(-1)! + 2 })
    for (let time = 1; time <= 3; time++) expect(await pageOf(beyond, 'anonymous')).toEqual([])
  })

  it('with the in-stock filter, in an aisle and for an API key; never a draft', async () => {
    await expectDeepPagesRight({ sort: 'price-desc', inStock: true }, 'anonymous')
    await expectDeepPagesRight({ sort: 'name', inStock: false }, 'api key')
    const draftSlugs = new Set(slugs.filter((_, i) => i % 50 === 7))
    for (const page of DEEP_PAGES) {
      const shown = await pageOf(catalogueQuery({ ...DEFAULT_VIEW, sort: 'newest', page }), 'api key')
      expect(shown.filter((slug) => draftSlugs.has(slug))).toEqual([])
    }
    // An aisle holds half the items: its pages reach the deep offset only with a smaller page.
    const query = { ...catalogueQuery({ ...DEFAULT_VIEW, sort: 'available' }, aisle), limit: 10, page: DEEP_OFFSET / 10 / 2 + 2 }
    const expected = await pageOf(query, 'anonymous', { reference: true })
    expect(expected.length).toBe(10)
    for (let time = 1; time <= 3; time++) expect(await pageOf(query, 'anonymous')).toEqual(expected)
    // A filtered list is kept from its second page (the database walks past what the filter
    // leaves out): the aisle's in-stock items by price, page 2.
    const second = catalogueQuery({ ...DEFAULT_VIEW, sort: 'price-asc', inStock: true, page: 2 }, aisle)
    const expectedSecond = await pageOf(second, 'anonymous', { reference: true })
    expect(expectedSecond.length).toBe(PER_PAGE)
    for (let time = 1; time <= 3; time++) expect(await pageOf(second, 'api key')).toEqual(expectedSecond)
  })
})

/** Pages 1–3 of a closed price range (cms/collections/Items/hooks/priceRangePages.ts), each twice. */
async function expectRangePagesRight(view: Partial<typeof DEFAULT_VIEW>, caller: Caller, aisleId?: number | string) {
  let shown = 0
  for (const page of [1, 2, 3]) {
    const query = catalogueQuery({ ...DEFAULT_VIEW, ...view, page }, aisleId)
    const expected = await pageOf(query, caller, { reference: true })
    shown += expected.length
    for (let time = 1; time <= 2; time++) expect(await pageOf(query, caller), `page ${page}, time ${time}`).toEqual(expected)
  }
  expect(shown, 'the range shows some items').toBeGreaterThan(0)
}

describe('a price range shown in another order gives the pages offset paging gives', () => {
  it.each((Object.keys(SORTS) as SortKey[]).filter((sort) => !sort.startsWith('price')))('in the order %s', async (sort) => {
    await expectRangePagesRight({ sort, min: 200, max: 400 }, 'anonymous')
    await expectRangePagesRight({ sort, min: 590, max: 590 }, 'anonymous')
  })

  it('in stock, in an aisle, for an API key, past its last page; never a draft', async () => {
    await expectRangePagesRight({ sort: 'name', inStock: true, min: 150, max: 350 }, 'api key')
    await expectRangePagesRight({ sort: 'available', min: 300, max: 500 }, 'anonymous', aisle)
    const draftSlugs = new Set(slugs.filter((_, i) => i % 50 === 7))
    for (const page of [1, 2, 3]) {
      const shown = await pageOf(catalogueQuery({ ...DEFAULT_VIEW, sort: 'newest', min: 100, max: 590, page }), 'anonymous')
      expect(shown.filter((slug) => draftSlugs.has(slug))).toEqual([])
    }
    expect(await pageOf(catalogueQuery({ ...DEFAULT_VIEW, sort: 'name', min: 580, max: 590, page: 40 }), 'anonymous')).toEqual([])
  })

  it("an aisle's count of a price range is the total Payload's paging gives", async () => {
    for (const [view, caller] of [
      [{ inStock: true, min: 150, max: 450 }, 'anonymous'],
      [{ min: 300, max: 500 }, 'api key'],
      [{ min: 590, max: 590 }, 'anonymous'],
    ] as Array<[Partial<typeof DEFAULT_VIEW>, Caller]>) {
      const { where } = catalogueCountQuery({ ...DEFAULT_VIEW, ...view }, aisle)
      const counted = await rest(cms.url, `items/count?${stringify({ where })}`, { headers: headersOf(caller) })
      expect(counted.status, JSON.stringify(counted.body)).toBe(200)
      const paged = await rest(cms.url, `items?${stringify({ where: payloadsOwn(where), limit: 1, depth: 0 })}`, {
        headers: headersOf(caller),
      })
      expect(counted.body.totalDocs, JSON.stringify(view)).toBe(paged.body.totalDocs)
    }
    // An API user's filter the aisle index does not take (a name too): counted with the upper
    // bound kept off the price index (priceRangePages.ts), still Payload's total.
    const { where: range } = catalogueCountQuery({ ...DEFAULT_VIEW, min: 150, max: 450 }, aisle)
    const named = { and: [...(range as { and: unknown[] }).and, { name: { like: 'Kaya' } }] }
    const requestId = randomUUID()
    const countedNamed = await rest(cms.url, `items/count?${stringify({ where: named })}`, { headers: { 'x-request-id': requestId } })
    const pagedNamed = await rest(cms.url, `items?${stringify({ where: payloadsOwn(named), limit: 1, depth: 0 })}`)
    expect(countedNamed.body.totalDocs).toBeGreaterThan(0)
    expect(countedNamed.body.totalDocs).toBe(pagedNamed.body.totalDocs)
    if (databaseKind() === 'sqlite') expect((await statementsOn(cms, requestId)).join('\n')).toMatch(/\+"items"\."price" <= \?/)
    // Staff, who may see drafts, are counted by Payload itself.
    const { where } = catalogueCountQuery({ ...DEFAULT_VIEW, min: 100, max: 590 }, aisle)
    const staff = await rest(cms.url, `items/count?${stringify({ where })}`, { token })
    const staffPaged = await rest(cms.url, `items?${stringify({ where, limit: 1, depth: 0 })}`, { token })
    expect(staff.body.totalDocs).toBe(staffPaged.body.totalDocs)
  })

  it.runIf(databaseKind() === 'sqlite')(
    "SQLite reads the page from the sort's index, the upper bound kept off the price index",
    async () => {
      const requestId = randomUUID()
      await pageOf(catalogueQuery({ ...DEFAULT_VIEW, sort: 'name', min: 200, max: 400 }), 'anonymous', { requestId })
      const statements = (await statementsOn(cms, requestId)).join('\n')
      expect(statements).toMatch(/\+"items"\."price" <= \?/)
      expect(statements).toMatch(/"items"\."id" in \(/)
    },
  )
})

describe('a change to the catalogue is on the next deep page', () => {
  it('renamed, published, unpublished, sold out and deleted items, at once', async () => {
    const view = { sort: 'available' as const }
    await expectDeepPagesRight(view, 'anonymous')
    const deepPage = catalogueQuery({ ...DEFAULT_VIEW, ...view, page: DEEP_PAGES[0] })
    const shown = await pageOf(deepPage, 'anonymous')
    const index = (slug: string) => slugs.indexOf(slug)
    const edits: Array<[number | string, Record<string, unknown>]> = [
      [ids[index(shown[0]!)]!, { name: 'Aardvark Crackers' }], // moves to the front
      [ids[index(shown[1]!)]!, { _status: 'draft' }], // leaves the shop
      [ids[index(shown[2]!)]!, { quantity: 0 }], // sold out: moves to the end
      [ids[7]!, { _status: 'published' }], // a draft goes on sale
    ]
    for (const [id, body] of edits) {
      const response = await rest(cms.url, `items/${id}?depth=0`, { method: 'PATCH', token, body })
      expect(response.status, JSON.stringify(response.body)).toBe(200)
    }
    expect((await rest(cms.url, `items/${ids[index(shown[3]!)]}`, { method: 'DELETE', token })).status).toBe(200)
    const now = await pageOf(deepPage, 'anonymous')
    expect(now).toEqual(await pageOf(deepPage, 'anonymous', { reference: true }))
    expect(now).not.toEqual(shown)
    await expectDeepPagesRight(view, 'anonymous')
  })
})

describe("an aisle's pages and count follow every change to its items and aisles", () => {
  /** Every page of the aisle in `view`, and its count, as the shop asks and as Payload pages and counts. */
  async function expectAisleRight(view: Partial<typeof DEFAULT_VIEW>, aisleId: number | string) {
    for (let page = 1; ; page++) {
      const query = catalogueQuery({ ...DEFAULT_VIEW, ...view, page }, aisleId)
      const expected = await pageOf(query, 'anonymous', { reference: true })
      expect(await pageOf(query, 'anonymous'), `${JSON.stringify(view)}, page ${page}`).toEqual(expected)
      if (expected.length === 0) break
    }
    const { where } = catalogueCountQuery({ ...DEFAULT_VIEW, ...view }, aisleId)
    const counted = await rest(cms.url, `items/count?${stringify({ where })}`)
    const paged = await rest(cms.url, `items?${stringify({ where: payloadsOwn(where), limit: 1, depth: 0 })}`)
    expect(counted.body.totalDocs, JSON.stringify(view)).toBe(paged.body.totalDocs)
    // An API user's default: pages with their totals, as Payload's own paging gives them.
    const query = catalogueQuery({ ...DEFAULT_VIEW, ...view }, aisleId)
    const withTotals = (where: unknown) => stringify({ where, sort: query.sort, limit: 5, page: 2, depth: 0, select: { slug: true } })
    const paging = ({ body }: { body: Record<string, unknown> & { docs: Array<{ slug: string }> } }) => ({
      ...body,
      docs: body.docs.map((doc) => doc.slug),
    })
    const totals = paging(await rest(cms.url, `items?${withTotals(query.where)}`))
    if (paged.body.totalDocs > 5)
      expect(totals, JSON.stringify(view)).toEqual(paging(await rest(cms.url, `items?${withTotals(payloadsOwn(query.where))}`)))
    return paged.body.totalDocs as number
  }
  const views: Array<Partial<typeof DEFAULT_VIEW>> = [
    { sort: 'name' },
    { sort: 'price-desc', inStock: true },
    { sort: 'available', min: 200 },
  ]

  it('renamed, repriced, sold out, moved, in two aisles, out of every aisle, unpublished, deleted, new; an aisle deleted', async () => {
    const drinks = await rest(cms.url, 'categories', { method: 'POST', token, body: { name: 'Drinks', position: 2 } })
    expect(drinks.status).toBe(201)
    const drinksId = drinks.body.doc.id
    const inSnacks = await pageOf(catalogueQuery({ ...DEFAULT_VIEW, sort: 'name', page: 2 }, aisle), 'anonymous')
    const idOf = (slug: string) => ids[slugs.indexOf(slug)]!
    const edits: Array<Record<string, unknown>> = [
      { name: 'Aardvark Crackers' },
      { price: 990 },
      { quantity: 0 },
      { categories: [drinksId] },
      { categories: [aisle, drinksId] },
      { categories: [] },
      { _status: 'draft' },
    ]
    for (const [i, body] of edits.entries()) {
      const response = await rest(cms.url, `items/${idOf(inSnacks[i]!)}?depth=0`, { method: 'PATCH', token, body })
      expect(response.status, JSON.stringify(response.body)).toBe(200)
    }
    expect((await rest(cms.url, `items/${idOf(inSnacks[7]!)}`, { method: 'DELETE', token })).status).toBe(200)
    const created = await rest(cms.url, 'items?depth=0', {
      method: 'POST',
      token,
      body: { name: 'Zesty Lime Soda', price: 250, quantity: 5, categories: [aisle, drinksId], _status: 'published' },
    })
    expect(created.status).toBe(201)
    for (const view of views) await expectAisleRight(view, aisle)
    for (const view of views) await expectAisleRight(view, drinksId)
    expect(await expectAisleRight({ sort: 'name' }, drinksId)).toBe(3)
    // The aisle deleted. (SQLite drops its items' links to it; MongoDB keeps the ids in each item.)
    expect((await rest(cms.url, `categories/${drinksId}`, { method: 'DELETE', token })).status).toBe(200)
    const left = await expectAisleRight({ sort: 'name' }, drinksId)
    if (databaseKind() === 'sqlite') expect(left).toBe(0)
    for (const view of views) await expectAisleRight(view, aisle)
  })
})

describe.runIf(databaseKind() === 'sqlite')('how a deep page is read (SQLite)', () => {
  it('by the primary key of its own rows, without OFFSET, once its list is kept', async () => {
    const query = catalogueQuery({ ...DEFAULT_VIEW, sort: 'price-asc', page: DEEP_PAGES[1] })
    const requestIds = [randomUUID(), randomUUID(), randomUUID()]
    for (const requestId of requestIds) await pageOf(query, 'anonymous', { requestId })
    const first = (await statementsOn(cms, requestIds[0]!)).join('\n')
    const third = (await statementsOn(cms, requestIds[2]!)).join('\n')
    // The first is Payload's offset paging; by the third the list is kept.
    expect(first).toMatch(/ offset \?/)
    expect(third).not.toMatch(/ offset /)
    expect(third).toMatch(/"items"\."id" in \(/)
  })

  it("an aisle's pages and counts from the aisle's own index, from the first request on; other filters' lists only when deep", async () => {
    const aislePage = catalogueQuery({ ...DEFAULT_VIEW, sort: 'name', inStock: true, min: 150, page: 2 }, aisle)
    const requestId = randomUUID()
    await pageOf(aislePage, 'anonymous', { requestId })
    // The page's ids in order from the aisle's index, then its rows by primary key; no join.
    const read = [...(await statementsOn(cms, requestId, 'items_aisle_order')), ...(await statementsOn(cms, requestId))].join('\n')
    expect(read).toMatch(
      /FROM "items_aisle_order" WHERE aisle_id = \? AND _status = 'published' AND sold_out = \? AND \+price >= \? ORDER BY name ASC, created_at ASC/,
    )
    expect(read).toMatch(/"items"\."id" in \(/)
    expect(read).not.toMatch(/"items_rels"/)
    const counting = randomUUID()
    const { where } = catalogueCountQuery({ ...DEFAULT_VIEW, inStock: true }, aisle)
    await rest(cms.url, `items/count?${stringify({ where })}`, { headers: { 'x-request-id': counting } })
    expect((await statementsOn(cms, counting, 'items_aisle_order')).join('\n')).toMatch(/count\(\*\) AS total FROM "items_aisle_order"/)
    expect((await statementsOn(cms, counting)).join('\n')).not.toMatch(/"items_rels"/)
    // In stock, page 2: read from the sort's index each time (the filter checked in it).
    const inStockPage = catalogueQuery({ ...DEFAULT_VIEW, sort: 'name', inStock: true, page: 2 })
    const again = [randomUUID(), randomUUID(), randomUUID()]
    for (const requestId of again) await pageOf(inStockPage, 'anonymous', { requestId })
    expect((await statementsOn(cms, again[2]!)).join('\n')).toMatch(/ offset \?/)
  })
})
