import { sql } from '@payloadcms/db-sqlite'
import type { Payload, PayloadRequest, TypedUser } from 'payload'

import { isAdmin } from '../access/isAdmin'
import { AUDIT_LOG, ITEMS } from '../slugs'

/** How many days the chart covers (today included). */
export const CHART_DAYS = 30
/** How many lowest-stock items the dashboard lists. */
export const LOWEST_COUNT = 10
/** How many audit entries the dashboard shows. */
export const LATEST_CHANGES_COUNT = 8
/**
 * Logins are audited but are not changes to the shop. Asked as "not a login" rather than "one of
 * the change actions": SQLite then walks the created_at index newest first and stops at the 8th
 * change (0.02 ms at 100 000 entries), where an IN list picked the action index and sorted every
 * change (about 100 ms).
 */
export const NOT_CHANGES = ['login', 'login-failed']

/** Published items with this many in stock: how many, and the sum of their prices (minor units). */
export type StockLevel = { quantity: number; items: number; priceSum: number }

export type DashboardFigures = {
  threshold: number
  /** Published items with stock. */
  onSale: number
  /** Published items with none left. */
  soldOut: number
  /** Published items with `threshold` or fewer left (sold-out ones included). */
  lowStock: number
  /** Items never published (drafts), not on the shop. */
  drafts: number
  /** Σ price × quantity over published items, in minor units of the shop's currency. */
  stockValue: number
  /** The published items with the fewest in stock, fewest first. */
  lowest: Array<{ id: number | string; name: string; quantity: number; price: number }>
  /** Item saves (versions) per UTC day, oldest first, CHART_DAYS days ending today. */
  editsPerDay: Array<{ day: string; edits: number }>
  /** The newest audit entries; null for a user who may not read the audit log (staff). */
  latestChanges: Array<{
    id: number | string
    action: string
    actor: string
    summary: string
    createdAt: string
    collectionSlug: null | string
    documentId: null | string
  }> | null
}

/**
 * The counts and the stock value from the stock levels: one row per distinct quantity (a few
 * hundred at most, however long the catalogue), which the database groups straight from the
 * (_status, quantity, price) index. Pure, so both databases share it.
 */
export function stockFigures(
  levels: StockLevel[],
  threshold: number,
): Pick<DashboardFigures, 'lowStock' | 'onSale' | 'soldOut' | 'stockValue'> {
  let onSale = 0
  let soldOut = 0
  let lowStock = 0
  let stockValue = 0
  for (const { quantity, items, priceSum } of levels) {
    if (quantity > 0) onSale += items
    else soldOut += items
    if (quantity <= threshold) lowStock += items
    // Σ price × quantity = Σ over quantities of quantity × Σ price: exact in integers.
    stockValue += quantity * priceSum
  }
  return { onSale, soldOut, lowStock, stockValue }
}

/** The CHART_DAYS UTC days ending with `now`'s, as YYYY-MM-DD, oldest first. */
export function chartDays(now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return Array.from({ length: CHART_DAYS }, (_, index) =>
    new Date(today - (CHART_DAYS - 1 - index) * 86_400_000).toISOString().slice(0, 10),
  )
}

type SqliteDb = { name: 'sqlite'; drizzle: { all: <T>(query: ReturnType<typeof sql>) => Promise<T[]> } }
type MongoModel = {
  aggregate: (pipeline: object[]) => { exec: () => Promise<Array<Record<string, unknown>>> }
  countDocuments: (filter: object) => { exec: () => Promise<number> }
  find: (filter: object, projection: object) => { sort: (sort: object) => { limit: (n: number) => { lean: () => Promise<unknown[]> } } }
}
type MongoDb = { name: 'mongoose'; collections: Record<string, MongoModel>; versions: Record<string, MongoModel> }

async function stockLevels(payload: Payload): Promise<StockLevel[]> {
  const db = payload.db as unknown as MongoDb | SqliteDb
  if (db.name === 'sqlite') {
    const rows = await db.drizzle.all<{ quantity: number; items: number; price_sum: number }>(
      sql`SELECT quantity, count(*) AS items, sum(price) AS price_sum FROM items WHERE _status = 'published' GROUP BY quantity`,
    )
    return rows.map((row) => ({ quantity: Number(row.quantity), items: Number(row.items), priceSum: Number(row.price_sum) }))
  }
  // Two groupings of one accumulator each, not one with two: FerretDB 1.24 (the MongoDB leg's
  // test server) fills in only the first accumulator of a $group and leaves the others 0.
  const model = db.collections[ITEMS]
  const byQuantity = (accumulator: object) =>
    model.aggregate([{ $match: { _status: 'published' } }, { $group: { _id: '$quantity', value: accumulator } }]).exec()
  const [counts, prices] = await Promise.all([byQuantity({ $sum: 1 }), byQuantity({ $sum: '$price' })])
  const priceSums = new Map(prices.map((row) => [Number(row._id), Number(row.value)]))
  return counts.map((row) => ({ quantity: Number(row._id), items: Number(row.value), priceSum: priceSums.get(Number(row._id)) ?? 0 }))
}

async function editsPerDay(payload: Payload, now: Date): Promise<DashboardFigures['editsPerDay']> {
  const days = chartDays(now)
  const db = payload.db as unknown as MongoDb | SqliteDb
  const counts = new Map<string, number>()
  if (db.name === 'sqlite') {
    // Over the created_at index of the versions table: one row per day.
    const rows = await db.drizzle.all<{ day: string; edits: number }>(
      sql`SELECT substr(created_at, 1, 10) AS day, count(*) AS edits FROM _items_v WHERE created_at >= ${`${days[0]}T00:00:00.000Z`} GROUP BY day`,
    )
    for (const row of rows) counts.set(row.day, Number(row.edits))
  } else {
    // One indexed count per day: FerretDB, our MongoDB test server, has no $dateToString to group by.
    const model = db.versions[ITEMS]
    await Promise.all(
      days.map(async (day) => {
        const from = new Date(`${day}T00:00:00.000Z`)
        const to = new Date(from.getTime() + 86_400_000)
        counts.set(day, await model.countDocuments({ createdAt: { $gte: from, $lt: to } }).exec())
      }),
    )
  }
  return days.map((day) => ({ day, edits: counts.get(day) ?? 0 }))
}

/**
 * Everything Uncle Pat's dashboard shows, computed by the database: grouped counts and sums over
 * indexes, the ten lowest-stock items from the (_status, quantity, createdAt) index, never every
 * item. `user` is the signed-in member of staff; the audit entries are only for those who may
 * read the audit log (admins), exactly as its own access rule says.
 */
export async function dashboardFigures(payload: Payload, user: TypedUser, threshold: number, now = new Date()): Promise<DashboardFigures> {
  const mayReadAudit = Boolean(await isAdmin({ req: { payload, user } as PayloadRequest }))
  const [levels, drafts, lowest, edits, audit] = await Promise.all([
    stockLevels(payload),
    payload.count({ collection: ITEMS, overrideAccess: false, user, where: { _status: { equals: 'draft' } } }),
    payload.find({
      collection: ITEMS,
      depth: 0,
      limit: LOWEST_COUNT,
      overrideAccess: false,
      pagination: false,
      select: { name: true, quantity: true, price: true },
      sort: ['quantity', 'createdAt'],
      user,
      where: { _status: { equals: 'published' } },
    }),
    editsPerDay(payload, now),
    mayReadAudit
      ? payload.find({
          collection: AUDIT_LOG,
          depth: 0,
          limit: LATEST_CHANGES_COUNT,
          overrideAccess: false,
          pagination: false,
          select: { action: true, actor: true, summary: true, createdAt: true, collectionSlug: true, documentId: true },
          sort: '-createdAt',
          user,
          where: { action: { not_in: NOT_CHANGES } },
        })
      : null,
  ])
  return {
    threshold,
    ...stockFigures(levels, threshold),
    drafts: drafts.totalDocs,
    lowest: lowest.docs.map(({ id, name, quantity, price }) => ({ id, name, quantity, price })),
    editsPerDay: edits,
    latestChanges:
      audit?.docs.map((entry) => ({
        id: entry.id,
        action: entry.action,
        actor: entry.actor,
        summary: entry.summary,
        createdAt: entry.createdAt,
        collectionSlug: entry.collectionSlug ?? null,
        documentId: entry.documentId ?? null,
      })) ?? null,
  }
}
