import { sql } from '@payloadcms/db-sqlite'
import { buildQuery } from '@payloadcms/drizzle'
import type { CollectionAfterOperationHook, PayloadRequest, Where } from 'payload'

import { ITEMS } from '../../../slugs'

/**
 * What the list hooks (aislePages.ts, deepPages.ts, priceRangePages.ts) and the search share: a
 * page of items read as the ids of its rows, found in the list's order by a query of ids alone,
 * then looked up by primary key under the caller's access as for any find, and put back in the
 * list's order (pageOrder).
 */
export type Id = number | string

/**
 * The page a read asks for (`limit`, `page`, as Payload's REST handler passes them), when it is
 * one the list hooks serve: 1 to 100 rows, from page 1. Undefined for anything else (a whole
 * list, a malformed value), which Payload answers itself.
 */
export function requestedPage(limit: unknown, page: unknown): { limit: number; page: number } | undefined {
  const [rows, number] = [Number(limit), Number(page ?? 1)]
  return Number.isInteger(rows) && rows >= 1 && rows <= 100 && Number.isInteger(number) && number >= 1
    ? { limit: rows, page: number }
    : undefined
}

/** The ids of a rewritten read, in the list's order, until its result comes back. */
const pageOrders = new WeakMap<object, Id[]>()

/** A rewritten read's totals, when its caller asked for them (`pagination`), counted by the hook. */
export type Paging = { totalDocs: number; page: number; limit: number }
const pagings = new WeakMap<object, Paging>()

/**
 * The read of `args` rewritten to the page whose rows are `ids`, in that order. The filter is the
 * list's already: repeating it would let the database prefer a filter's index (a price range)
 * over the primary-key lookups. Read in id order, which every database serves from its primary
 * key; pageOrder restores the list's, and the totals of `paging` when given. No ids: a lookup
 * that matches nothing (never an offset).
 */
export function readByIds<T extends { page?: unknown; sort?: unknown; where?: unknown }>(
  args: T,
  ids: Id[],
  first?: Id,
  paging?: Paging,
): T {
  const page: T =
    ids.length === 0
      ? { ...args, page: 1, where: matchingNothing(first ?? 0) }
      : { ...args, page: 1, sort: 'id', where: { id: { in: ids } } }
  if (ids.length > 0) pageOrders.set(page, ids)
  if (paging) pagings.set(page, paging)
  return page
}

/** After a rewritten read: its documents in the list's order (they were read in id order), and its totals. */
export const pageOrder: CollectionAfterOperationHook = ({ args, operation, result }) => {
  if (operation !== 'find') return result
  const ids = pageOrders.get(args)
  const paging = pagings.get(args)
  const found = result as { docs?: Array<{ id: Id }> } | undefined
  if ((!ids && !paging) || !Array.isArray(found?.docs)) return result
  let docs = found.docs
  if (ids) {
    const position = new Map(ids.map((id, index) => [String(id), index]))
    docs = [...docs].sort((a, b) => (position.get(String(a.id)) ?? 0) - (position.get(String(b.id)) ?? 0))
  }
  return { ...found, docs, ...(paging ? pageTotals(paging) : {}) } as typeof result
}

/** The totals Payload's find gives for a page of `limit` rows (also the search endpoint's). */
export function pageTotals({ totalDocs, page, limit }: Paging) {
  const totalPages = Math.ceil(totalDocs / limit)
  return {
    totalDocs,
    totalPages,
    page,
    pagingCounter: (page - 1) * limit + 1,
    hasPrevPage: page > 1,
    hasNextPage: page < totalPages,
    prevPage: page > 1 ? page - 1 : null,
    nextPage: page < totalPages ? page + 1 : null,
  }
}

/**
 * A filter that matches nothing, answered from the primary key. `id` is any id the database can
 * hold: on MongoDB 0 is not a valid ObjectId, so a read that also runs there passes a real one.
 */
export const matchingNothing = (id: Id): Where => ({ and: [{ id: { equals: id } }, { id: { not_equals: id } }] })

/** Counts made by a hook, by the count's rewritten arguments, until countResult hands them back. */
const counted = new WeakMap<object, number>()

/**
 * A count made by a hook (`total`): Payload's count then runs on a filter that matches nothing
 * by primary key, and countResult gives back `total`.
 */
export function countedAs<T extends object>(args: T, total: number): T {
  const rewritten: T = { ...args, where: matchingNothing(0) }
  counted.set(rewritten, total)
  return rewritten
}

/** After a count made by a hook (countedAs): its total. */
export const countResult: CollectionAfterOperationHook = ({ args, operation, result }) => {
  const total = operation === 'count' ? counted.get(args) : undefined
  return total === undefined ? result : ({ totalDocs: total } as typeof result)
}

type Sql = ReturnType<typeof sql>
type SqliteQuery = {
  leftJoin: (table: unknown, on: unknown) => SqliteQuery
  innerJoin: (table: unknown, on: unknown) => SqliteQuery
  rightJoin: (table: unknown, on: unknown) => SqliteQuery
  where: (where: unknown) => SqliteQuery
  orderBy: (...columns: unknown[]) => SqliteQuery
  limit: (limit: number) => SqliteQuery
  offset: (offset: number) => SqliteQuery
  toSQL: () => { sql: string; params: unknown[] }
} & PromiseLike<Array<{ id: Id }>>
type Select = (columns: object) => { from: (table: unknown) => { $dynamic: () => SqliteQuery } }
export type Sqlite = {
  name: 'sqlite'
  client: { execute: (query: { sql: string; args: unknown[] }) => Promise<{ rows: Array<Record<string, unknown>> }> }
  drizzle: { select: Select; selectDistinct: Select; all: <T>(query: Sql) => Promise<T[]> }
  tables: Record<string, Record<string, unknown> & { id: unknown }>
  tableNameMap: Map<string, string>
}

/** The SQLite adapter, or undefined on MongoDB. */
export const sqliteOf = (req: PayloadRequest): Sqlite | undefined =>
  (req.payload.db as unknown as { name: string }).name === 'sqlite' ? (req.payload.db as unknown as Sqlite) : undefined

/** The items table's drizzle columns (for a condition written by hand, see `and` below). */
export const itemsTable = (sqlite: Sqlite) => sqlite.tables[sqlite.tableNameMap.get(ITEMS)!]!

/**
 * The ids of the items matching `where`, in `sort`'s order (a page of them with limit/offset).
 * SQLite: Payload's own query builder (the same WHERE and ORDER BY as its find) around a select
 * of the id alone, which the sort's index answers without reading the rows: about 1 µs an item,
 * where Payload's find builds a document for each (13 µs); `and`, a condition added as SQL.
 * MongoDB: the adapter's find, ids only.
 */
export async function idsInOrder(
  req: PayloadRequest,
  where: Where,
  sort: string[],
  { limit, offset, and }: { limit?: number; offset?: number; and?: Sql } = {},
): Promise<Id[]> {
  const sqlite = sqliteOf(req)
  if (!sqlite) {
    const { docs } = await req.payload.db.find({
      collection: ITEMS,
      where,
      sort,
      select: { id: true },
      pagination: false,
      limit: limit ?? 0,
      page: limit && offset ? offset / limit + 1 : undefined,
      req,
    })
    return docs.map((doc) => (doc as { id: Id }).id)
  }
  const table = itemsTable(sqlite)
  const built = payloadQuery(req, sqlite, where, sort)
  // A join (an aisle's items) may repeat an item: distinct rows, with the columns they are
  // ordered by (as Payload's own find selects them).
  const columns = { id: table.id, ...Object.fromEntries(built.orderBy.map(({ column }, i) => [`order${i}`, column])) }
  const select = built.joins.length > 0 ? sqlite.drizzle.selectDistinct(columns) : sqlite.drizzle.select({ id: table.id })
  let query = withPayloadQuery(select.from(table).$dynamic(), built, and)
  query = query.orderBy(...built.orderBy.map(({ column, order }) => order(column)))
  if (limit !== undefined) return (await query.limit(limit).offset(offset ?? 0)).map((row) => row.id)
  // A whole list as one text: handing 100 000 rows to JavaScript one by one took 160 ms (the
  // event loop blocked meanwhile); SQLite joins the ids in ~15 ms. The subquery's ORDER BY keeps
  // its order: SQLite never flattens an ordered subquery into an aggregate, so group_concat
  // meets the rows in that order (tests/int/deep-pages.int.spec.ts compares every list's pages).
  const { sql: text, params } = query.toSQL()
  const { rows } = await sqlite.client.execute({ sql: `SELECT group_concat(id) AS ids FROM (${text})`, args: params })
  const ids = String(rows[0]?.ids ?? '')
  // (No id twice: with a join the rows are distinct, one per item.)
  return ids ? ids.split(',').map(Number) : []
}

/**
 * How many items match `where` and the SQL condition `and`, when the match needs a join (an
 * aisle's items); undefined without one (Payload's own count is as good then). SQLite only.
 */
export async function countWithJoins(req: PayloadRequest, where: Where, and: Sql): Promise<number | undefined> {
  const sqlite = sqliteOf(req)
  if (!sqlite) return undefined
  const table = itemsTable(sqlite)
  const built = payloadQuery(req, sqlite, where)
  if (built.joins.length === 0) return undefined
  const query = withPayloadQuery(
    sqlite.drizzle
      .select({ count: sql`count(distinct ${table.id})` })
      .from(table)
      .$dynamic(),
    built,
    and,
  )
  const rows = (await query) as unknown as Array<{ count: number }>
  return Number(rows[0]?.count ?? 0)
}

/**
 * `where` as an SQL condition on an items row of another query, where that row is aliased
 * `alias`: Payload's own WHERE and joins (the SQL its find would run) in a correlated EXISTS,
 * with their arguments. For a query of our own over items (the search's candidates, which are
 * then filtered before their limit). SQLite only; check the `where` first (Payload's count or
 * find with the caller's access), as this builds it without asking.
 */
export function whereAsSql(req: PayloadRequest, where: Where, alias: string): { sql: string; args: unknown[] } {
  const sqlite = sqliteOf(req)
  if (!sqlite) throw new Error('whereAsSql is for SQLite only')
  const table = itemsTable(sqlite)
  const built = payloadQuery(req, sqlite, where)
  const query = withPayloadQuery(
    sqlite.drizzle.select({ one: sql`1` }).from(table).$dynamic(),
    built,
    sql`${table.id} = ${sql.raw(`"${alias}"`)}.id`,
  )
  const { sql: text, params } = query.toSQL()
  return { sql: `EXISTS (${text})`, args: params }
}

type Built = ReturnType<typeof buildQuery>

/** Payload's own WHERE, joins and ORDER BY for a find on items (the SQL its find would run). */
function payloadQuery(req: PayloadRequest, sqlite: Sqlite, where: Where, sort?: string[]): Built {
  return buildQuery({
    adapter: sqlite as never,
    fields: req.payload.collections[ITEMS].config.flattenedFields,
    sort,
    tableName: sqlite.tableNameMap.get(ITEMS)!,
    where,
  })
}

/** A select with Payload's joins and WHERE, and the SQL condition `and` beside it. */
function withPayloadQuery(query: SqliteQuery, built: Built, and?: Sql): SqliteQuery {
  for (const join of built.joins) query = query[join.type ?? 'leftJoin'](join.table, join.condition)
  const where = built.where && and ? sql`(${built.where}) and (${and})` : (built.where ?? and)
  return where ? query.where(where) : query
}
