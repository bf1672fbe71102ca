import { sql } from '@payloadcms/db-sqlite'
import { type CollectionBeforeOperationHook, combineQueries, type PayloadRequest, validateQueryPaths, type Where } from 'payload'

import { ITEMS } from '../../../slugs'
import { countedAs, countWithJoins, idsInOrder, itemsTable, readByIds, requestedPage, sqliteOf } from './pageIds'
import { sortKeys } from './tieBreakSort'

/**
 * A page of a price range shown in another order (a shopper's "$2 to $30, by name"), on SQLite.
 * SQLite cannot tell how much of the catalogue a range between two prices holds: libsql builds it
 * without the histograms (STAT4) that would say, so it always guesses 1/64 of the rows, reads the
 * whole range through the price index and sorts it: 85 ms for "$2–$30" at 100 000 items. Walking
 * the sort's index instead, which carries the price (Items' `indexes`), and checking the price
 * there, costs 0.1 ms for a wide range and 4 ms at worst (a range that holds almost nothing).
 *
 * So for such a page (read as the shop and crawlers read, without totals, by anyone who sees only
 * published items) the page's ids are read with the range's upper bound written as `+price <= ?`,
 * SQLite's own way to say "do not use an index for this term" (sqlite.org/optoverview.html, the
 * unary + operator); the lower bound, alone, SQLite estimates as it should. Then the page is its
 * rows by primary key (pageIds.ts). MongoDB chooses its plans by trying them: left as it is.
 */
export const priceRangePages: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation === 'count') return priceRangeCount(args, collection.access.read, req)
  if (operation !== 'read' || 'id' in args || args.overrideAccess === true || args.pagination !== false || args.draft) return args
  const sqlite = sqliteOf(req)
  if (!sqlite || !args.where) return args
  const wanted = requestedPage(args.limit, args.page)
  if (!wanted) return args
  const { limit, page } = wanted
  const sort = sortKeys(args.sort)
  // Shown by price, the range is read in order from the price index already.
  if (sort.length === 0 || sort[0]!.replace(/^-/, '') === 'price') return args
  try {
    const range = await closedRange(args.where, collection.access.read, req)
    if (!range) return args
    return readByIds(args, await idsInOrder(req, range.where, sort, { limit, offset: (page - 1) * limit, and: range.upperBound }))
  } catch (error) {
    req.payload.logger.debug({ err: error }, 'price range page read by Payload')
    return args
  }
}

type ReadAccess = (args: { req: PayloadRequest }) => unknown

/**
 * A closed price range in `where`, read by someone who sees only published items: the rest of the
 * filter under their access, and the upper bound as SQL kept off the price index. Undefined for
 * any other filter or caller (staff), which Payload answers itself. Makes the checks Payload's
 * find makes on the caller's filter (the fields they may query).
 */
async function closedRange(where: Where, readAccess: ReadAccess, req: PayloadRequest) {
  const split = splitUpperPriceBound(where)
  if (!split) return undefined
  const access = await readAccess({ req })
  if (typeof access !== 'object' || access === null) return undefined
  await validateQueryPaths({ collectionConfig: req.payload.collections[ITEMS].config, overrideAccess: false, req, where })
  const price = itemsTable(sqliteOf(req)!).price
  return {
    where: combineQueries(split.rest, access as Where),
    upperBound: sql`+${price} ${sql.raw(split.upper.inclusive ? '<=' : '<')} ${split.upper.value}`,
  }
}

/**
 * The count of a closed price range in an aisle, for a filter the aisle index does not take (the
 * shop's own aisle counts come from it first: aislePages.ts), e.g. an API user's aisle, range and
 * name: Payload's count joins the aisles and SQLite, misjudging the range the same way, reads the
 * whole range through the price index and looks each item's aisles up (30 ms for "$1–$23, in
 * stock" at 100 000 items); with the upper bound kept off the index it starts from the aisle's
 * own rows (2 ms). Counted here, under the caller's access (pageIds.ts: countedAs).
 */
async function priceRangeCount<T extends { where?: Where; overrideAccess?: boolean }>(
  args: T,
  readAccess: ReadAccess,
  req: PayloadRequest,
): Promise<T> {
  if (!sqliteOf(req) || !args.where || args.overrideAccess === true) return args
  try {
    const range = await closedRange(args.where, readAccess, req)
    const total = range && (await countWithJoins(req, range.where, range.upperBound))
    return total === undefined ? args : countedAs(args, total)
  } catch (error) {
    req.payload.logger.debug({ err: error }, 'price range count by Payload')
    return args
  }
}

type Bound = { value: number; inclusive: boolean }

/**
 * A where's upper price bound taken out, when it also has a lower one (a closed range): from its
 * top level or its top-level `and`, as the shop and API users write it. Undefined for any other
 * shape (an `or`, a bound that is not a number), which Payload's find then answers itself.
 */
export function splitUpperPriceBound(where: Where): { rest: Where; upper: Bound } | undefined {
  const conditions: Where[] = Array.isArray(where.and) && Object.keys(where).length === 1 ? where.and : [where]
  let upper: Bound | undefined
  let lower = false
  const rest: Where[] = []
  for (const condition of conditions) {
    const { price, ...others } = condition as Where & { price?: Record<string, unknown> }
    if (!price || typeof price !== 'object' || Array.isArray(price)) {
      rest.push(condition)
      continue
    }
    const kept: Record<string, unknown> = {}
    for (const [operator, raw] of Object.entries(price)) {
      const value = typeof raw === 'number' || (typeof raw === 'string' && raw.trim() !== '') ? Number(raw) : Number.NaN
      if ((operator === 'less_than_equal' || operator === 'less_than') && Number.isFinite(value) && !upper) {
        upper = { value, inclusive: operator === 'less_than_equal' }
        continue
      }
      if ((operator === 'greater_than_equal' || operator === 'greater_than') && Number.isFinite(value)) lower = true
      kept[operator] = raw
    }
    rest.push({ ...others, ...(Object.keys(kept).length > 0 ? { price: kept } : {}) } as Where)
  }
  if (!upper || !lower) return undefined
  const nonEmpty = rest.filter((condition) => Object.keys(condition).length > 0)
  return { rest: nonEmpty.length === 1 ? nonEmpty[0]! : { and: nonEmpty }, upper }
}
