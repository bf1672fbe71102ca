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
import { randomUUID } from 'node:crypto'
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
import { databaseKind } from '../helpers/database'
import { graphql } from '../helpers/graphql'
import { openPlanner, planOf as planOfStatement, statementsOn as statementsOnCms } from '../helpers/queryPlans'
import { login, rest } from '../helpers/rest'
import { type Cms, productionEnv, root, startCms, TEST_ADMIN_PASSWORD, temporarySqliteUri } from '../helpers/servers'

const API_KEY = 'query-plans-key-0123456789abcdef'
let cms: Cms
let database: DatabaseSync
let token: string
let aisleId: number

beforeAll(async () => {
  if (databaseKind() !== 'sqlite') return
  cms = await startCms({ databaseUri: temporarySqliteUri(), env: { ...productionEnv(), LOG_LEVEL: 'trace' } })
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
 * Fails on a sort in a temporary B-tree or a full scan of items. `sortsPriceRange`: a price range
 * shown in another order is the one case SQLite sorts, and only the items in the range (it
 * prefers the price index's range to reading another index while skipping what is out of range);
 * the test pins that it is exactly that and nothing wider.
 */
function expectIndexedPlans(statements: string[], { sortsPriceRange = false, aisle = false, sortsOneAisle = false } = {}) {
  expect(statements.length, 'no SQL on items was logged for this request').toBeGreaterThan(0)
  for (const sql of statements) {
    const plan = planOf(sql)
    // One aisle asked as `in=<id>` (Payload binds a single value; the shop sends a list, which
    // Payload binds as the id and its text): SQLite then starts from that aisle's rows and sorts
    // them, that aisle's items and nothing wider. Pinned to exactly that.
    if (sortsOneAisle && plan.some((step) => step.includes('USE TEMP B-TREE'))) {
      const context = `${sql}\n  plan: ${plan.join(' | ')}`
      expect(plan.join(' | '), context).toMatch(/SEARCH \S+ USING INDEX items_rels_categories_id_idx \(categories_id=\?\)/)
      const allowed = [
        /^CO-ROUTINE \(subquery-\d+\)$/,
        /^SEARCH \S+ USING INDEX items_rels_categories_id_idx \(categories_id=\?\)$/,
        /^SEARCH items USING (INTEGER PRIMARY KEY \(rowid=\?\)|COVERING INDEX items__status_idx \(_status=\? AND rowid=\?\))$/,
        /^SEARCH \S+ USING INTEGER PRIMARY KEY \(rowid=\?\)( LEFT-JOIN)?$/,
        /^USE TEMP B-TREE FOR (DISTINCT|ORDER BY|GROUP BY)$/,
        /^SCAN \(subquery-\d+\)$/,
      ]
      expect(
        plan.filter((step) => !allowed.some((pattern) => pattern.test(step))),
        context,
      ).toEqual([])
      continue
    }
    // An aisle's items: each item's aisles are looked up in items_rels from an index alone.
    if (aisle && /items_rels/.test(sql) && !/"items"\."id" in/.test(sql)) {
      expect(
        plan.some((step) => /^SEARCH \S+ USING COVERING INDEX items_rels_parent_order_path_categories_idx \(parent_id=\?\)$/.test(step)),
        `${sql}\n  plan: ${plan.join(' | ')}`,
      ).toBe(true)
    }
    const context = `${sql}\n  plan: ${plan.join(' | ')}`
    const sorts = plan.some((step) => step.includes('USE TEMP B-TREE'))
    if (sortsPriceRange && sorts) {
      expect(plan, context).toEqual([
        expect.stringMatching(/^SEARCH items USING INDEX \w+ \(_status=\? AND price>\? AND price<\?\)$/),
        'USE TEMP B-TREE FOR ORDER BY',
      ])
      continue
    }
    expect(sorts, context).toBe(false)
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
    const sortsPriceRange = view.min !== undefined && !view.sort?.startsWith('price')
    expectIndexedPlans(await restPlans(stringify(query)), { sortsPriceRange })
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

  it.each(views)('an aisle page %s', async (_name, view) => {
    const query: RestQuery = catalogueQuery({ ...DEFAULT_VIEW, ...view }, aisleId)
    const sortsPriceRange = view.min !== undefined && !view.sort?.startsWith('price')
    expectIndexedPlans(await restPlans(stringify(query)), { sortsPriceRange, aisle: true })
  })

  it.each([
    ['everything', {}],
    ['in stock', { inStock: true }],
  ] as Array<[string, Partial<CatalogueView>]>)("an aisle page's count of %s, from indexes alone", async (_name, view) => {
    const statements = await restPlans(stringify(catalogueCountQuery({ ...DEFAULT_VIEW, ...view }, aisleId)), { path: 'items/count' })
    expectIndexedPlans(statements, { aisle: true })
    // SQLite walks the published items in id order (for its GROUP BY), looking up each one's
    // aisles in the covering index: no sort. (In stock only, it reads each item's soldOut.)
    for (const sql of statements) {
      expect(planOf(sql).join(' | '), sql).toMatch(
        /^CO-ROUTINE \(subquery-\d+\) \| SEARCH items USING (COVERING )?INDEX items__status_idx \(_status=\?\) \| SEARCH \S+ USING COVERING INDEX items_rels_parent_order_path_categories_idx \(parent_id=\?\)/,
      )
    }
  })

  it('the aisles for the header menu, from an index', async () => {
    const requestId = `plan-${randomUUID()}`
    const response = await rest(cms.url, `categories?${stringify(aislesQuery())}`, { headers: { 'x-request-id': requestId } })
    expect(response.body.docs.map((aisle: { name: string }) => aisle.name)).toEqual(['Drinks', 'Breakfast & staples'])
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
    expectIndexedPlans(await statementsOn(requestId), { sortsOneAisle: command.includes('where[categories][in]') })
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
