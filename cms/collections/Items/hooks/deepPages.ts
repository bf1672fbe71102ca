import { buildQuery } from '@payloadcms/drizzle'
import { LRUCache } from 'lru-cache'
import {
  type CollectionAfterOperationHook,
  type CollectionBeforeOperationHook,
  combineQueries,
  type PayloadRequest,
  validateQueryPaths,
  type Where,
} from 'payload'

import { AUDIT_LOG, ITEMS } from '../../../slugs'

/**
 * Deep catalogue pages without OFFSET. A page far into a list (`?page=3000` of a 100 000-item
 * catalogue) costs the database a step over every row before it, even in the sort's index (about
 * 7 ms at row 50 000 on SQLite; MongoDB's skip does the same), so cold pages got slower as the
 * catalogue grew; a filtered list (an aisle, what is in stock) pays it from its second page, for
 * the database walks the sort's index past every row the filter leaves out too. Here, for a list
 * read the way the shop and crawlers read it (over REST or GraphQL, anonymous or an API key, no
 * totals: `pagination=false`) that is at least DEEP_OFFSET rows in, or filtered and past its first
 * page, the ids of the whole list in its order are read once (ids only, without building documents),
 * kept in memory, and the page becomes a lookup of its own ids (by primary key, under the caller's
 * access as for any find), put back in the list's order after the read (deepPageOrder).
 *
 * A list stays valid while the catalogue is unchanged: every change to an item writes an audit
 * entry in the same transaction (cms/audit/), so the newest audit entry is the catalogue's state,
 * read (one indexed lookup) on every deep page, on every replica. It is built on the second deep
 * request for the same order and filter, so a one-off filter never pays for a list nobody reuses,
 * and every list expires after LIST_TTL_MS whatever happens.
 *
 * Hand-written: Payload's REST API pages by offset only; keyset ("cursor") paging would change
 * every URL the shop and API users already have.
 */
export const DEEP_OFFSET = 480
const LIST_TTL_MS = 30_000
/** Ids kept in memory at most, over all lists (a 100 000-item list is about 1 MB). */
const MAX_IDS = 2_000_000
const MAX_KEY_LENGTH = 2_000

type Id = number | string
type List = { state: string; ids: Id[] }

const lists = new LRUCache<string, List>({ maxSize: MAX_IDS, sizeCalculation: (list) => Math.max(1, list.ids.length), ttl: LIST_TTL_MS })
const asked = new LRUCache<string, number>({ max: 1_000, ttl: LIST_TTL_MS })
/** Lists being read, by catalogue state and key: requests at once share one read of that state. */
const building = new Map<string, Promise<List>>()

/** The catalogue's state: the newest audit entry's id (every saved or deleted item writes one). */
async function catalogueState(req: PayloadRequest): Promise<string> {
  const { docs } = await req.payload.db.find({ collection: AUDIT_LOG, sort: '-id', limit: 1, pagination: false, select: { id: true }, req })
  return String((docs[0] as { id?: Id } | undefined)?.id ?? '-')
}

export const deepPages: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'read' || 'id' in args || args.overrideAccess === true || args.pagination !== false || args.draft) return args
  const limit = Number(args.limit)
  const page = Number(args.page ?? 1)
  if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(page) || page < 2) return args
  if ((page - 1) * limit < DEEP_OFFSET && !args.where) return args
  try {
    const access = await collection.access.read({ req })
    // Staff (who see drafts) and callers with no access read as before.
    if (typeof access !== 'object' || access === null) return args
    const key = JSON.stringify({ sort: args.sort ?? null, where: args.where ?? null, access })
    if (key.length > MAX_KEY_LENGTH) return args
    const state = await catalogueState(req)
    let list = lists.get(key)
    if (list?.state !== state) {
      const seen = (asked.get(`${state}|${key}`) ?? 0) + 1
      asked.set(`${state}|${key}`, seen)
      if (seen < 2) return args
      list = await build(key, state, args.where, access, args.sort, req)
    }
    const offset = (page - 1) * limit
    if (!list || list.ids.length === 0) return args
    const ids = list.ids.slice(offset, offset + limit)
    // Past the end: nothing, asked of the primary key (an offset would step over the whole list).
    if (ids.length === 0)
      return { ...args, page: 1, where: { and: [{ id: { equals: list.ids[0] } }, { id: { not_equals: list.ids[0] } }] } }
    // The filter is the list's already: repeating it would let the database prefer a filter's
    // index (a price range) over the 24 primary-key lookups. Read in id order, which every
    // database serves from its primary key; deepPageOrder restores the list's.
    const page1 = { ...args, page: 1, sort: 'id', where: { id: { in: ids } } }
    pageOrders.set(page1, ids)
    return page1
  } catch (error) {
    // A filter Payload will refuse (or anything unforeseen): Payload's own find answers as ever.
    req.payload.logger.debug({ err: error }, 'deep page read by offset')
    return args
  }
}

/** The ids of a rewritten read, in the list's order, until its result comes back. */
const pageOrders = new WeakMap<object, Id[]>()

/** After a deep page's read: its documents in the list's order (they were read in id order). */
export const deepPageOrder: CollectionAfterOperationHook = ({ args, operation, result }) => {
  const ids = operation === 'find' ? pageOrders.get(args) : undefined
  const found = result as { docs?: Array<{ id: Id }> } | undefined
  if (!ids || !Array.isArray(found?.docs)) return result
  const position = new Map(ids.map((id, index) => [String(id), index]))
  const docs = [...found.docs].sort((a, b) => (position.get(String(a.id)) ?? 0) - (position.get(String(b.id)) ?? 0))
  return { ...found, docs } as typeof result
}

function build(key: string, state: string, where: Where | undefined, access: Where, sort: unknown, req: PayloadRequest) {
  // Keyed by state too: a read begun before a change must not serve a request made after it.
  const reading = `${state}|${key}`
  const pending = building.get(reading)
  if (pending) return pending
  const promise = (async () => {
    // The same checks Payload's find makes on the caller's filter (fields they may query).
    await validateQueryPaths({ collectionConfig: req.payload.collections[ITEMS].config, overrideAccess: false, req, where: where ?? {} })
    const list = { state, ids: await idsInOrder(req, combineQueries(where ?? {}, access), sort as string[]) }
    lists.set(key, list)
    return list
  })().finally(() => building.delete(reading))
  building.set(reading, promise)
  return promise
}

type Sqlite = {
  name: 'sqlite'
  drizzle: { select: (columns: object) => { from: (table: unknown) => { $dynamic: () => SqliteQuery } } }
  tables: Record<string, { id: unknown }>
  tableNameMap: Map<string, string>
}
type SqliteQuery = {
  leftJoin: (table: unknown, on: unknown) => SqliteQuery
  innerJoin: (table: unknown, on: unknown) => SqliteQuery
  rightJoin: (table: unknown, on: unknown) => SqliteQuery
  where: (where: unknown) => SqliteQuery
  orderBy: (...columns: unknown[]) => Promise<Array<{ id: Id }>>
}

/**
 * The ids of the items matching `where`, in `sort`'s order. SQLite: Payload's own query builder
 * (the same WHERE and ORDER BY as its find) around a select of the id alone, which the sort's
 * index answers without reading the rows: about 1 µs an item, where Payload's find builds a
 * document for each (13 µs). MongoDB: the adapter's find, ids only.
 */
async function idsInOrder(req: PayloadRequest, where: Where, sort: string[]): Promise<Id[]> {
  const db = req.payload.db as unknown as Sqlite | { name: string }
  if (db.name !== 'sqlite') {
    const { docs } = await req.payload.db.find({ collection: ITEMS, where, sort, select: { id: true }, pagination: false, limit: 0, req })
    return docs.map((doc) => (doc as { id: Id }).id)
  }
  const sqlite = db as Sqlite
  const tableName = sqlite.tableNameMap.get(ITEMS)!
  const table = sqlite.tables[tableName]!
  const built = buildQuery({
    adapter: sqlite as never,
    fields: req.payload.collections[ITEMS].config.flattenedFields,
    sort,
    tableName,
    where,
  })
  let query = sqlite.drizzle.select({ id: table.id }).from(table).$dynamic()
  for (const join of built.joins) query = query[join.type ?? 'leftJoin'](join.table, join.condition)
  const rows = await query.where(built.where).orderBy(...built.orderBy.map(({ column, order }) => order(column)))
  // A join (an aisle's items) may repeat an item; its first place is its place.
  return [...new Set(rows.map((row) => row.id))]
}
