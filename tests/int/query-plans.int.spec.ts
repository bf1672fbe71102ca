/**
 * Every query the shop sends and every item query the README shows API users is answered from an
 * index under the access filter (`_status = 'published'` for anonymous readers and API keys):
 * no temporary B-tree (sorting every matching row) and no full scan of items, whatever the
 * catalogue size. The SQL is Payload's own, as a real CMS runs it for the request: with
 * LOG_LEVEL=trace the CMS logs each statement with the request's id; SQLite then explains it
 * on the CMS's own database file.
 *
 * SQLite only: MongoDB builds the same indexes from the collection config.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { stringify } from 'qs-esm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { CatalogueView } from '../../storefront/src/lib/catalogue'

import { DEFAULT_VIEW, SORTS, type SortKey } from '../../storefront/src/lib/catalogue'
import {
  aislesQuery,
  catalogueCountQuery,
  catalogueQuery,
  itemBySlugQuery,
  type RestQuery,
  sitemapQuery,
} from '../../storefront/src/lib/queries'
import { seedBenchCatalogue } from '../helpers/benchCatalogue'
import { databaseKind } from '../helpers/database'
import { graphql } from '../helpers/graphql'
import { openPlanner, planOf as planOfStatement, statementsOn as statementsOnCms } from '../helpers/queryPlans'
import { login, rest } from '../helpers/rest'
import { type Cms, productionEnv, root, startCms, TEST_ADMIN_PASSWORD, temporarySqliteUri } from '../helpers/servers'

const API_KEY = 'query-plans-key-0123456789abcdef'
const CATALOGUE_ITEMS = 2000
let cms: Cms
let database: DatabaseSync
let token: string
let aisleId: number

beforeAll(async () => {
  if (databaseKind() !== 'sqlite') return
  // SQLite chooses each plan from the data's statistics, which the CMS takes at start
  // (cms/database/statistics.ts): so the plans are read on a catalogue shaped like a shop's (the
  // bench's: 25 aisles, a tenth sold out, prices from 50 cents to 30 dollars), not on three items.
  const databaseUri = temporarySqliteUri()
  const secret = randomBytes(32).toString('hex')
  await seedBenchCatalogue({ databaseUri, items: CATALOGUE_ITEMS, secret, quiet: true })
  cms = await startCms({ databaseUri, env: { ...productionEnv(), PAYLOAD_SECRET: secret, LOG_LEVEL: 'trace' } })
  token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  const create = async (collection: string, body: Record<string, unknown>) => {
    const response = await rest(cms.url, collection, { method: 'POST', token, body })
    expect(response.status, JSON.stringify(response.body)).toBe(201)
  }
  await create('api-clients', { name: 'Price feed', enableAPIKey: true, apiKey: API_KEY })
  const aisle = await rest(cms.url, 'categories', { method: 'POST', token, body: { name: 'Breakfast & staples', position: 30 } })
  expect(aisle.status, JSON.stringify(aisle.body)).toBe(201)
  aisleId = aisle.body.doc.id
  await create('categories', { name: 'Drinks', position: 10 })
  // The README's examples look these up; a draft too, which anonymous readers must not see.
  await create('items', {
    name: 'Kaya Spread 400 g',
    price: 480,
    quantity: 3,
    sku: 'KAYA-400',
    categories: [aisleId],
    _status: 'published',
  })
  await create('items', { name: 'Milo Tin 1.5 kg', price: 1890, quantity: 0, _status: 'published' })
  await create('items', { name: 'Aardvark Crisps', price: 100, quantity: 9, _status: 'draft' })
  database = openPlanner(cms.databaseUri)
})
afterAll(async () => {
  database?.close()
  await cms?.stop()
})

const statementsOn = (requestId: string) => statementsOnCms(cms, requestId)
const planOf = (sql: string) => planOfStatement(database, sql)

/**
 * Fails on a sort in a temporary B-tree or a full scan of items. A price range shown in another
 * order is no exception: the sort's index carries the price and is walked
 * (cms/collections/Items/hooks/priceRangePages.ts).
 */
function expectIndexedPlans(statements: string[], { scans = false } = {}) {
  expect(statements.length, 'no SQL on items was logged for this request').toBeGreaterThan(0)
  for (const sql of statements) {
    const plan = planOf(sql)
    const context = `${sql}\n  plan: ${plan.join(' | ')}`
    expect(
      plan.some((step) => step.includes('USE TEMP B-TREE')),
      context,
    ).toBe(false)
    if (scans) continue
    expect(
      plan.some((step) => /^SCAN items\b/.test(step)),
      context,
    ).toBe(false)
    expect(
      plan.some((step) => /^SEARCH items USING (COVERING )?INDEX|^SEARCH items USING INTEGER PRIMARY KEY/.test(step)),
      context,
    ).toBe(true)
  }
}

/**
 * An aisle's page or count (cms/collections/Items/hooks/aislePages.ts): read from one of the
 * aisle's indexes in items_aisle_order, led by the aisle and published, never sorted, never the
 * whole table; then (a page) its rows by primary key.
 */
const AISLE_INDEX_SEARCH = /^SEARCH items_aisle_order USING COVERING INDEX items_aisle_order_\w+_idx \(aisle_id=\? AND _status=\?/

async function expectAisleIndexPlans(query: string, { path = 'items' } = {}) {
  const requestId = `plan-${randomUUID()}`
  const response = await rest(cms.url, `${path}?${query}`, { headers: { 'x-request-id': requestId } })
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  const statements = await statementsOnCms(cms, requestId, 'items_aisle_order')
  expect(statements.length, "no SQL on the aisle's index was logged for this request").toBeGreaterThan(0)
  for (const sql of statements) {
    const plan = planOf(sql)
    expect(plan, sql).toEqual([
      expect.stringMatching(/^SEARCH items_aisle_order USING COVERING INDEX items_aisle_order_\w+_idx \(aisle_id=\? AND _status=\?/),
    ])
  }
  const items = await statementsOn(requestId)
  if (path === 'items') expectIndexedPlans(items)
  for (const sql of items) expect(sql).not.toMatch(/items_rels/)
}

async function restPlans(
  query: string,
  { path = 'items', headers = {} }: { path?: string; headers?: Record<string, string> } = {},
): Promise<string[]> {
  const requestId = `plan-${randomUUID()}`
  const response = await rest(cms.url, `${path}?${query}`, { headers: { 'x-request-id': requestId, ...headers } })
  expect(response.status, JSON.stringify(response.body)).toBe(200)
  return statementsOn(requestId)
}

const views: Array<[string, Partial<CatalogueView>]> = [
  ...(Object.keys(SORTS) as SortKey[]).flatMap(
    (sort): Array<[string, Partial<CatalogueView>]> => [
      [`sorted ${sort}`, { sort }],
      [`sorted ${sort}, page 3`, { sort, page: 3 }],
      [`sorted ${sort}, in stock only`, { sort, inStock: true }],
      [`sorted ${sort}, a price range`, { sort, min: 100, max: 2000 }],
    ],
  ),
  ['everything at once', { sort: 'price-desc', inStock: true, min: 200, max: 5000, page: 2 }],
]

describe.skipIf(databaseKind() !== 'sqlite')("the shop's queries, as Payload runs them for an anonymous reader", () => {
  it.each(views)('catalogue %s', async (_name, view) => {
    const query: RestQuery = catalogueQuery({ ...DEFAULT_VIEW, ...view })
    expectIndexedPlans(await restPlans(stringify(query)))
  })

  it.each([
    ['everything', {}],
    ['in stock', { inStock: true }],
    ['a price range', { min: 100, max: 2000 }],
  ] as Array<[string, Partial<CatalogueView>]>)('the catalogue count of %s, from an index alone', async (_name, view) => {
    const statements = await restPlans(stringify(catalogueCountQuery({ ...DEFAULT_VIEW, ...view })), { path: 'items/count' })
    expectIndexedPlans(statements)
    for (const sql of statements) expect(planOf(sql).join(' | '), sql).toMatch(/USING COVERING INDEX/)
  })

  it.each(views)('an aisle page %s, from the aisle index', async (_name, view) => {
    await expectAisleIndexPlans(stringify(catalogueQuery({ ...DEFAULT_VIEW, ...view }, aisleId)))
  })

  it.each([
    ['everything', {}],
    ['in stock', { inStock: true }],
    ['a price range, in stock', { inStock: true, min: 100, max: 2000 }],
  ] as Array<[string, Partial<CatalogueView>]>)("an aisle page's count of %s, from the aisle index", async (_name, view) => {
    await expectAisleIndexPlans(stringify(catalogueCountQuery({ ...DEFAULT_VIEW, ...view }, aisleId)), { path: 'items/count' })
  })

  it('the aisles for the header menu, from an index', async () => {
    const requestId = `plan-${randomUUID()}`
    const response = await rest(cms.url, `categories?${stringify(aislesQuery())}`, { headers: { 'x-request-id': requestId } })
    // (Drinks shares position 10 with the bench's first aisle, Coconut Biscuits: then by name.)
    const names = response.body.docs.map((aisle: { name: string }) => aisle.name)
    expect(names.slice(0, 3)).toEqual(['Coconut Biscuits', 'Drinks', 'Kaya Spread'])
    expect(names.indexOf('Breakfast & staples')).toBe(names.indexOf('Kaya Spread') + 1)
    const statements = await statementsOnCms(cms, requestId, 'categories')
    expect(statements.length).toBeGreaterThan(0)
    for (const sql of statements) expect(planOf(sql).join(' | '), sql).toMatch(/^SCAN categories USING INDEX position_name_createdAt_idx$/)
  })

  it('an item page by slug', async () => {
    expectIndexedPlans(await restPlans(stringify(itemBySlugQuery('kaya-spread-400-g'))))
  })

  it('an item page for a slug that does not exist', async () => {
    expectIndexedPlans(await restPlans(stringify(itemBySlugQuery('no-such-item'))))
  })

  it('the sitemap', async () => {
    expectIndexedPlans(await restPlans(stringify(sitemapQuery())))
  })
})

describe.skipIf(databaseKind() !== 'sqlite')("the README's API examples", () => {
  // Every GET on items in the README's "Other programs" section, run as written with a request id.
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
  const start = readme.indexOf('## Other programs')
  const section = readme.slice(start, readme.indexOf('\n## ', start + 5))
  const commands = [...section.matchAll(/^curl (?!-X).*\/api\/items\?.*$/gm)].map((match) => match[0])
  // Search by words inside names (`like`) has its own issue; it still may not sort in a B-tree.

  it('are there', () => {
    expect(commands.length).toBeGreaterThanOrEqual(5)
  })

  it.each(commands.map((command) => [command]))('%s', async (command) => {
    const requestId = `plan-${randomUUID()}`
    const output = execFileSync(
      'bash',
      ['-c', command.replace(/^curl /, `curl -s -H 'x-request-id: ${requestId}' `).replaceAll('http://localhost:3000', cms.url)],
      {
        encoding: 'utf8',
        env: { ...process.env, KEY: API_KEY, AISLE: String(aisleId) },
      },
    )
    expect(JSON.parse(output).errors, output).toBeUndefined()
    // An aisle's items come from the aisle's index (SQL on items_aisle_order, checked the same way).
    const aisleStatements = await statementsOnCms(cms, requestId, 'items_aisle_order')
    for (const sql of aisleStatements) expect(planOf(sql), sql).toEqual([expect.stringMatching(AISLE_INDEX_SEARCH)])
    if (command.includes('where[categories][in]')) expect(aisleStatements.length, command).toBeGreaterThan(0)
    expectIndexedPlans(await statementsOn(requestId), {
      // A search by words inside names (`like`, what the search endpoint replaces) reads every
      // item it may show, but never sorts them all.
      scans: command.includes('[like]'),
    })
  })

  it('the GraphQL example', async () => {
    const requestId = `plan-${randomUUID()}`
    const response = await graphql(cms.url, '{ Items(limit: 3, sort: "price") { docs { name price } } }', {
      headers: { 'x-request-id': requestId },
    })
    expect(response.errors).toBeUndefined()
    expectIndexedPlans(await statementsOn(requestId))
  })
})

describe.skipIf(databaseKind() !== 'sqlite')("the admin's Items list", () => {
  it('opens on the latest versions by name, from an index (no sort of every item)', async () => {
    // What Payload's list view asks for (payload.find with draft: true, the collection's sort).
    const requestId = `plan-${randomUUID()}`
    const response = await rest(cms.url, 'items?draft=true&depth=0&limit=10', { token, headers: { 'x-request-id': requestId } })
    expect(response.status).toBe(200)
    const statements = await statementsOnCms(cms, requestId, '_items_v')
    expect(statements.length).toBeGreaterThan(0)
    for (const sql of statements) {
      const plan = planOf(sql)
      const context = `${sql}\n  plan: ${plan.join(' | ')}`
      expect(
        plan.some((step) => step.includes('USE TEMP B-TREE')),
        context,
      ).toBe(false)
      expect(
        plan.some((step) => /^SCAN _items_v\b/.test(step)),
        context,
      ).toBe(false)
    }
  })

  // The search box (name or SKU): the items found from the trigram index (cms/collections/Items/adminSearch.ts),
  // then their latest versions by id, never a LIKE over every version. (With many found, SQLite may
  // rather walk the sort's index checking the ids, to stop at the page's last: here, 2 000 items.)
  it.each(['kaya', 'KAYA-400', 'spread kaya', 'nothing whatsoever'])('searched for "%s", from the trigram index', async (words) => {
    const requestId = `plan-${randomUUID()}`
    const q = encodeURIComponent(words)
    const response = await rest(
      cms.url,
      `items?draft=true&depth=0&limit=10&sort=name&where[or][0][name][like]=${q}&where[or][1][sku][like]=${q}`,
      {
        token,
        headers: { 'x-request-id': requestId },
      },
    )
    expect(response.status).toBe(200)
    const names: string[] = response.body.docs.map((doc: { name: string }) => doc.name)
    if (words === 'KAYA-400') expect(names).toEqual(['Kaya Spread 400 g'])
    else if (words === 'nothing whatsoever') expect(names).toEqual([])
    else
      expect(
        names.length > 0 && names.every((name) => words.split(' ').every((word) => name.toLowerCase().includes(word))),
        names.join(),
      ).toBe(true)
    const statements = await statementsOnCms(cms, requestId, '_items_v')
    expect(statements.length).toBeGreaterThan(0)
    for (const sql of statements) {
      const plan = planOf(sql)
      const context = `${sql}\n  plan: ${plan.join(' | ')}`
      expect(sql.toLowerCase(), context).not.toContain(' like ')
      expect(
        plan.some((step) => /^SCAN _items_v\b/.test(step)),
        context,
      ).toBe(false)
    }
  })

  // Every column of the list sorts (cms/migrations/20261130_040500_admin_items_sort_indexes.ts).
  // Read backwards, an index ends with Payload's own `created_at DESC` the wrong way round: SQLite
  // then sorts only rows that tie on the column and the tie-breaker (its LAST TERM), never them all.
  it.each(['name', 'sku', 'price', 'quantity', '_status', 'updatedAt'].flatMap((column) => [column, `-${column}`]))(
    'sorted by %s, from an index',
    async (sort) => {
      const requestId = `plan-${randomUUID()}`
      const response = await rest(cms.url, `items?draft=true&depth=0&limit=10&sort=${sort}`, {
        token,
        headers: { 'x-request-id': requestId },
      })
      expect(response.status).toBe(200)
      const statements = await statementsOnCms(cms, requestId, '_items_v')
      expect(statements.length).toBeGreaterThan(0)
      for (const sql of statements) {
        const plan = planOf(sql)
        const context = `${sql}\n  plan: ${plan.join(' | ')}`
        expect(
          plan.some((step) => step.includes('USE TEMP B-TREE') && !/LAST TERM|RIGHT PART/.test(step)),
          context,
        ).toBe(false)
        expect(
          plan.some((step) => /^SCAN _items_v\b/.test(step)),
          context,
        ).toBe(false)
      }
    },
  )
})
