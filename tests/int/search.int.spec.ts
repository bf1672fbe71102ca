/**
 * The typo-forgiving, ranked search (GET /api/items/search), on a real CMS over the demo
 * catalogue and about 140 bench items, on SQLite and on MongoDB: the labelled quality set, ranking,
 * paging, filters and sorts, did-you-mean, drafts and edits, and bad parameters.
 */
import { randomBytes } from 'node:crypto'
import { stringify } from 'qs-esm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { setUpCallers } from '../helpers/callers'
import { databaseKind, freshDatabaseUri } from '../helpers/database'
import { fieldMessages, rest } from '../helpers/rest'
import { paragraph } from '../helpers/richText'
import { QUALITY_SET, qualityBenchItems } from '../helpers/searchQuality'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let cms: Cms
let adminToken: string
let apiKey: Record<string, string>
const secret = randomBytes(32).toString('hex')

const search = async (query: Record<string, unknown>, headers: Record<string, string> = {}) =>
  rest(cms.url, `items/search?${stringify(query)}`, { headers })
const names = (body: any): string[] => body.docs.map((doc: any) => doc.name)
const top = async (q: string, limit = 3) => {
  const { status, body } = await search({ q, limit, select: { name: true } })
  expect(status, JSON.stringify(body)).toBe(200)
  return names(body)
}

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri(), env: { PAYLOAD_SECRET: secret, SEED_DEMO: 'true' } })
  const callers = await setUpCallers(cms.url, TEST_ADMIN_PASSWORD, secret)
  adminToken = callers.adminToken
  apiKey = callers.apiKey
  for (const item of qualityBenchItems()) {
    const created = await rest(cms.url, 'items', { method: 'POST', token: adminToken, body: item })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
  }
}, 600_000)
afterAll(() => cms?.stop())

describe(`the labelled quality set (${databaseKind()})`, () => {
  it(`finds each of the ${QUALITY_SET.length} labelled items among the first three`, async () => {
    expect(QUALITY_SET.length).toBeGreaterThanOrEqual(50)
    const misses: string[] = []
    for (const { q, expected } of QUALITY_SET) {
      const found = await top(q)
      if (!found.includes(expected)) misses.push(`${q} → ${JSON.stringify(found)}, not ${expected}`)
    }
    expect(misses).toEqual([])
    // 65 searches in a row: FerretDB (the MongoDB leg here) reads without the multikey index.
  }, 600_000)
})

describe('ranking', () => {
  it('a match in the name beats one in the description; whole word beats prefix; exact beats a typo', async () => {
    const create = (name: string, description: string) =>
      rest(cms.url, 'items', {
        method: 'POST',
        token: adminToken,
        body: { name, price: 100, quantity: 5, description: paragraph(description), _status: 'published' },
      })
    for (const [name, description] of [
      ['Wafer Sticks', 'Crisp sticks with a tapioca filling.'],
      ['Tapioca Pearls', 'For bubble tea.'],
      ['Tapiocas Assorted', 'Three kinds.'],
      ['Tapiocca Chips', 'Fried.'],
      ['Tapiocalike Snack', 'Puffed.'],
    ])
      expect((await create(name, description)).status).toBe(201)
    expect(await top('tapioca', 10)).toEqual(['Tapioca Pearls', 'Tapiocas Assorted', 'Tapiocalike Snack', 'Wafer Sticks'])
    // Exact beats a typo: the look-alikes one typo away are left out while something matches exactly.
    expect(await top('tapiocca', 10)).toEqual(['Tapiocca Chips'])
    expect(await top('tapiocca pearls', 10)).toEqual(['Tapioca Pearls'])
  })

  it('ties go to items in stock, then by name', async () => {
    for (const [name, quantity] of [
      ['Zebra Cake', 0],
      ['Zebra Bun', 5],
      ['Zebra Ade', 5],
    ] as const) {
      const created = await rest(cms.url, 'items', {
        method: 'POST',
        token: adminToken,
        body: { name, price: 100, quantity, _status: 'published' },
      })
      expect(created.status).toBe(201)
    }
    expect(await top('zebra', 10)).toEqual(['Zebra Ade', 'Zebra Bun', 'Zebra Cake'])
  })

  it('pages are stable: page 2 continues page 1 without repeats', async () => {
    const all = names((await search({ q: '100 g', limit: 30, select: { name: true } })).body)
    expect(all.length).toBeGreaterThan(20)
    const first = (await search({ q: '100 g', limit: 10, page: 1, select: { name: true } })).body
    const second = (await search({ q: '100 g', limit: 10, page: 2, select: { name: true } })).body
    expect([...names(first), ...names(second)]).toEqual(all.slice(0, 20))
    expect(first).toMatchObject({ page: 1, limit: 10, hasNextPage: true, hasPrevPage: false })
    expect(second.totalDocs).toBe(first.totalDocs)
  })

  it("the shop's filters and other orders apply to the matches", async () => {
    const { body } = await search({
      q: 'tea',
      sort: 'price',
      where: { soldOut: { equals: false } },
      limit: 100,
      select: { price: true, quantity: true },
    })
    const prices = body.docs.map((doc: any) => doc.price)
    expect(prices.length).toBeGreaterThan(3)
    expect(prices).toEqual([...prices].sort((a, b) => a - b))
    expect(body.docs.every((doc: any) => doc.quantity > 0)).toBe(true)
    const cheap = await search({ q: 'tea', where: { price: { less_than_equal: 300 } }, limit: 100, select: { price: true } })
    expect(cheap.body.docs.every((doc: any) => doc.price <= 300)).toBe(true)
  })

  it('a word in more items than a search ranks unfiltered: a filter and another order still see them all', async () => {
    // 330 items say "numbat" (more than the 300 a search ranks in order of relevance); the
    // cheapest two come last, so the index holds them after all the others, in an aisle of their own.
    const aisle = await rest(cms.url, 'categories', { method: 'POST', token: adminToken, body: { name: 'Numbat treats' } })
    expect(aisle.status, JSON.stringify(aisle.body)).toBe(201)
    const prices = [...Array.from({ length: 328 }, (_, i) => 1000 + i), 70, 60]
    for (let from = 0; from < prices.length; from += 10) {
      await Promise.all(
        prices.slice(from, from + 10).map(async (price, i) => {
          const categories = price < 100 ? [aisle.body.doc.id] : []
          const body = { name: `Numbat Biscuit ${from + i + 1}`, price, quantity: 3, categories, _status: 'published' }
          const created = await rest(cms.url, 'items', { method: 'POST', token: adminToken, body })
          expect(created.status, JSON.stringify(created.body)).toBe(201)
        }),
      )
    }
    const cheapest = await search({ q: 'numbat', sort: 'price', limit: 2, select: { name: true, price: true } })
    expect(cheapest.body.docs).toMatchObject([{ price: 60 }, { price: 70 }])
    const under = await search({ q: 'numbat', where: { price: { less_than: 100 } }, select: { price: true } })
    expect(under.body).toMatchObject({ totalDocs: 2 })
    expect(under.body.docs.map((doc: any) => doc.price).sort()).toEqual([60, 70])
    const inAisle = await search({ q: 'numbat', where: { categories: { in: [aisle.body.doc.id] } }, select: { price: true } })
    expect(inAisle.body).toMatchObject({ totalDocs: 2 })
    // A filter that leaves none of the exact matches brings in no look-alikes one typo away.
    const none = await search({ q: 'numbat', where: { price: { less_than: 10 } } })
    expect(none.body).toMatchObject({ totalDocs: 0, docs: [] })
  }, 300_000)
})

describe('did you mean', () => {
  it('when nothing matches every word: the items matching the most, as names and slugs', async () => {
    const { body } = await search({ q: 'chocolate umbrella' })
    expect(body.totalDocs).toBe(0)
    expect(body.suggestions.map((s: any) => s.name)).toEqual(expect.arrayContaining(['Dark Chocolate Bar 100 g', 'Umbrella, Compact']))
    expect(body.suggestions[0]).toHaveProperty('slug')
  })

  it('nothing at all for words found nowhere', async () => {
    const { body } = await search({ q: 'xylophone' })
    expect(body).toMatchObject({ totalDocs: 0, docs: [], suggestions: [] })
  })
})

describe('what can be found', () => {
  it('only published items, for anonymous callers, API keys and staff alike; edits and deletes at once', async () => {
    const created = await rest(cms.url, 'items', {
      method: 'POST',
      token: adminToken,
      body: { name: 'Quokka Crackers', price: 100, quantity: 5, _status: 'draft' },
    })
    expect(created.status).toBe(201)
    const id = created.body.doc.id
    const quokka = async (headers: Record<string, string> = {}) => names((await search({ q: 'quokka' }, headers)).body)
    expect(await quokka()).toEqual([])
    expect(await quokka(apiKey)).toEqual([])
    expect(await quokka({ authorization: `JWT ${adminToken}` })).toEqual([])

    const edit = (body: Record<string, unknown>, query = '') =>
      rest(cms.url, `items/${id}${query}`, { method: 'PATCH', token: adminToken, body })
    expect((await edit({ _status: 'published' })).status).toBe(200)
    expect(await quokka()).toEqual(['Quokka Crackers'])
    expect(await quokka(apiKey)).toEqual(['Quokka Crackers'])
    // A draft of a published item changes nothing shoppers see, search included.
    expect((await edit({ name: 'Wombat Crackers' }, '?draft=true')).status).toBe(200)
    expect(await quokka()).toEqual(['Quokka Crackers'])
    expect(names((await search({ q: 'wombat' })).body)).toEqual([])
    expect((await edit({ name: 'Wombat Crackers', _status: 'published' })).status).toBe(200)
    expect(await quokka()).toEqual([])
    expect(names((await search({ q: 'wombat' })).body)).toEqual(['Wombat Crackers'])
    expect((await edit({ _status: 'draft' })).status).toBe(200)
    expect(names((await search({ q: 'wombat' })).body)).toEqual([])
    expect((await edit({ _status: 'published' })).status).toBe(200)
    expect((await rest(cms.url, `items/${id}`, { method: 'DELETE', token: adminToken })).status).toBe(200)
    expect(names((await search({ q: 'wombat' })).body)).toEqual([])
  })

  it('answers the fields asked for, never the index keys', async () => {
    const { body } = await search({ q: 'kaya spread', limit: 1 })
    expect(body.docs[0].name).toBe('Kaya Spread 400 g')
    expect(body.docs[0].searchTerms).toBeUndefined()
    const narrow = await search({ q: 'kaya spread', limit: 1, select: { name: true, price: true } })
    expect(Object.keys(narrow.body.docs[0]).sort()).toEqual(['id', 'name', 'price'])
  })
})

describe('bad parameters get a 400 naming the field', () => {
  it.each([
    [{}, 'q'],
    [{ q: '' }, 'q'],
    [{ q: 'x'.repeat(101) }, 'q'],
    [{ q: 'tea', limit: 0 }, 'limit'],
    [{ q: 'tea', limit: 101 }, 'limit'],
    [{ q: 'tea', limit: 'ten' }, 'limit'],
    [{ q: 'tea', page: 0 }, 'page'],
    [{ q: 'tea', page: '1.5' }, 'page'],
    [{ q: 'tea', depth: 9 }, 'depth'],
    [{ q: 'tea', sort: 'password' }, 'sort'],
  ])('%j → 400 on %s', async (query, field) => {
    const { status, body } = await search(query)
    expect(status, JSON.stringify(body)).toBe(400)
    expect(Object.keys(fieldMessages(body))).toContain(field)
  })

  it('a where on a field that does not fit is refused too, nothing else is a 500', async () => {
    expect((await search({ q: 'tea', where: { price: { near: 'abc' } } })).status).toBe(400)
    expect((await search({ q: 'tea', where: 'abc' })).status).toBe(400)
    expect((await search({ q: '%%%' })).body).toMatchObject({ totalDocs: 0, suggestions: [] })
  })
})
