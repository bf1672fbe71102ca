import { LRUCache } from 'lru-cache'
import { type CollectionBeforeOperationHook, combineQueries, type PayloadRequest, validateQueryPaths, type Where } from 'payload'

import { AUDIT_LOG, ITEMS } from '../../../slugs'
import { type Id, idsInOrder, readByIds, requestedPage } from './pageIds'

/**
 * Deep catalogue pages without OFFSET. A page far into a list (`?page=3000` of a 100 000-item
 * catalogue) costs the database a step over every row before it, even in the sort's index (about
 * 7 ms at row 50 000 on SQLite; MongoDB's skip does the same), so cold pages got slower as the
 * catalogue grew. An aisle's pages pay from the first: SQLite reads the aisle's items and sorts
 * them for every page. (The other filters, in stock and a price range, are checked inside the
 * sort's index as it is walked (Items' `indexes`), so their first pages stay cheap; a list of a
 * typed price range read for its page 2 cost more than it saved: 50 000 ids to show 24.) Here,
 * for a list read the way the shop and crawlers read it (over REST or GraphQL, anonymous or an
 * API key, no totals: `pagination=false`) that is at least DEEP_OFFSET rows in, or any page of
 * an aisle (on SQLite, the shop's aisle views come from the aisle index before this: aislePages.ts),
 * the ids of the whole list in its order are read once (ids only, without
 * building documents), kept in memory, and the page becomes a lookup of its own ids (by primary
 * key, under the caller's access as for any find), put back in the list's order after the read
 * (pageIds.ts).
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
  const wanted = requestedPage(args.limit, args.page)
  if (!wanted) return args
  const { limit, page } = wanted
  if ((page - 1) * limit < DEEP_OFFSET && !filtersOnAisles(args.where)) return args
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
    return readByIds(args, list.ids.slice(offset, offset + limit), list.ids[0])
  } catch (error) {
    // A filter Payload will refuse (or anything unforeseen): Payload's own find answers as ever.
    req.payload.logger.debug({ err: error }, 'deep page read by offset')
    return args
  }
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

/** Whether a where asks for items by aisle (`categories`), at any depth. */
export function filtersOnAisles(where: unknown): boolean {
  if (Array.isArray(where)) return where.some(filtersOnAisles)
  if (typeof where !== 'object' || where === null) return false
  return Object.entries(where).some(([key, value]) => key === 'categories' || key.startsWith('categories.') || filtersOnAisles(value))
}
