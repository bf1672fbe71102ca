import { sql } from '@payloadcms/db-sqlite'
import type { CollectionBeforeOperationHook, Where } from 'payload'

import { countedAs, readByIds, requestedPage, sqliteOf } from './pageIds'
import { sortKeys } from './tieBreakSort'

/**
 * An aisle's pages and counts on SQLite, from the aisle's own index (../aisleOrder.ts) instead of
 * Payload's join of `items_rels`, which reads every item of the aisle and sorts them for each page
 * and each count. For a read as the shop and crawlers make it (anonymous or an API key: published
 * items only; a page, with totals or without, or a count) whose filter is an aisle and the shop's own
 * filters, and whose order is one the shop offers: the page's ids are read from the index in
 * order, then the page is its rows by primary key under the caller's access, as for any find
 * (pageIds.ts); a count is counted in the index. Any other filter, order or caller (staff, who
 * see drafts) is read by Payload as ever, and so is anything here that fails.
 */
export const aislePages: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if ((operation !== 'read' && operation !== 'count') || 'id' in args) return args
  // A find's arguments, or a count's (which has no page, limit or sort).
  const read = args as {
    where?: Where
    overrideAccess?: boolean
    draft?: boolean
    pagination?: boolean
    limit?: unknown
    page?: unknown
    sort?: unknown
  }
  const sqlite = sqliteOf(req)
  if (!sqlite || !read.where || read.overrideAccess === true || read.draft) return args
  const counting = operation === 'count'
  // (Payload's own default: 10 a page with totals, everything without.)
  const wanted = requestedPage(read.limit ?? (read.pagination === false ? 0 : 10), read.page)
  if (!counting && !wanted) return args
  const { limit, page } = wanted ?? { limit: 0, page: 1 }
  const view = aisleView(read.where, counting ? [] : sortKeys(read.sort))
  if (!view || (!counting && view.order.length === 0)) return args
  try {
    if (!publishedOnly(await collection.access.read({ req }))) return args
    // (Through drizzle, so that LOG_LEVEL=trace logs it like Payload's own queries.)
    const where = sql.join(
      [
        sql`aisle_id = ${view.aisle}`,
        sql`_status = 'published'`,
        ...view.conditions.map(([column, operator, value]) => sql`${sql.raw(keptOffIndex(column, view))} ${sql.raw(operator)} ${value}`),
      ],
      sql` AND `,
    )
    const count = async () => {
      const [counted] = await sqlite.drizzle.all<{ total: number }>(sql`SELECT count(*) AS total FROM "items_aisle_order" WHERE ${where}`)
      return Number(counted?.total ?? 0)
    }
    if (counting) return countedAs(args, await count())
    const order = sql.raw(view.order.map(([column, direction]) => `${column} ${direction}`).join(', '))
    const rows = await sqlite.drizzle.all<{ item_id: number }>(
      sql`SELECT item_id FROM "items_aisle_order" WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${(page - 1) * limit}`,
    )
    // Totals when the caller asked for them (an API user's default), counted in the same index.
    const paging = read.pagination === false ? undefined : { totalDocs: await count(), page, limit }
    return readByIds(
      args,
      rows.map((row) => Number(row.item_id)),
      undefined,
      paging,
    )
  } catch (error) {
    req.payload.logger.debug({ err: error }, 'aisle page read by Payload')
    return args
  }
}

/**
 * A price bound in another order is checked inside the sort's index, never read from the price
 * index: libsql's SQLite has no histograms (STAT4) to tell how much of an aisle a price range
 * holds, guesses little, reads the range and sorts it. `+price` is SQLite's documented way to keep
 * a term off an index (sqlite.org/optoverview.html); see priceRangePages.ts for the catalogue's.
 */
const keptOffIndex = (column: Condition[0], view: AisleView): string =>
  column === 'price' && view.order[0]?.[0] !== 'price' ? `+${column}` : column

/** Whether a read access result lets its caller see published items only (the shop's readers). */
const publishedOnly = (access: unknown): boolean => JSON.stringify(access) === JSON.stringify({ _status: { equals: 'published' } })

type Condition = [column: 'sold_out' | 'price', operator: '=' | '<' | '<=' | '>' | '>=', value: number]
export type AisleView = { aisle: number; conditions: Condition[]; order: Array<[column: string, direction: 'ASC' | 'DESC']> }

/** The items table's columns the shop sorts by, as the aisle index names them. */
const SORT_COLUMNS: Record<string, string> = { soldOut: 'sold_out', name: 'name', price: 'price', createdAt: 'created_at' }
const PRICE_OPERATORS: Record<string, Condition[1]> = { less_than: '<', less_than_equal: '<=', greater_than: '>', greater_than_equal: '>=' }

/**
 * What the aisle index must answer for a where and sort, or undefined when it cannot: exactly one
 * aisle (`categories` equals, or is in, one id), and besides it only the shop's filters (in stock,
 * price bounds, published), at the top level or in a top-level `and`; a sort by the shop's keys.
 * Values as a query string brings them (`'false'`, `'300'`) or as JSON. Pure.
 */
export function aisleView(where: Where, sort: string[]): AisleView | undefined {
  const parts: unknown[] = Array.isArray(where.and) && Object.keys(where).length === 1 ? where.and : [where]
  let aisle: number | undefined
  const conditions: Condition[] = []
  for (const part of parts) {
    if (typeof part !== 'object' || part === null || Array.isArray(part)) return undefined
    for (const [field, constraint] of Object.entries(part)) {
      if (typeof constraint !== 'object' || constraint === null || Array.isArray(constraint)) return undefined
      for (const [operator, raw] of Object.entries(constraint)) {
        if (field === 'categories' && (operator === 'equals' || operator === 'in') && aisle === undefined) {
          const ids = operator === 'in' ? (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw]) : [raw]
          const id = ids.length === 1 ? whole(ids[0]) : undefined
          if (id === undefined) return undefined
          aisle = id
        } else if (field === 'soldOut' && operator === 'equals' && boolean(raw) !== undefined) {
          conditions.push(['sold_out', '=', boolean(raw)!])
        } else if (field === 'price' && operator in PRICE_OPERATORS && number(raw) !== undefined) {
          conditions.push(['price', PRICE_OPERATORS[operator]!, number(raw)!])
        } else if (field === '_status' && operator === 'equals' && raw === 'published') {
          // The access rule says as much already.
        } else return undefined
      }
    }
  }
  if (aisle === undefined) return undefined
  const order: AisleView['order'] = []
  for (const key of sort) {
    const column = SORT_COLUMNS[key.replace(/^-/, '')]
    if (!column) return undefined
    order.push([column, key.startsWith('-') ? 'DESC' : 'ASC'])
  }
  return { aisle, conditions, order }
}

const whole = (raw: unknown): number | undefined => {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,15}$/.test(raw.trim()) ? Number(raw) : Number.NaN
  return Number.isSafeInteger(value) && value > 0 ? value : undefined
}
const number = (raw: unknown): number | undefined => {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN
  return Number.isFinite(value) ? value : undefined
}
const boolean = (raw: unknown): 0 | 1 | undefined => (raw === true || raw === 'true' ? 1 : raw === false || raw === 'false' ? 0 : undefined)
