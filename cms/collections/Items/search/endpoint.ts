import { sql } from '@payloadcms/db-sqlite'
import type { Endpoint, PayloadRequest, Where } from 'payload'
import { APIError, sanitizePopulateParam, sanitizeSelectParam } from 'payload'

import { searchPlan } from '../../../../shared/searchIndex.ts'
import { ITEMS } from '../../../slugs'
import { idsInOrder, itemsTable, pageTotals, sqliteOf, whereAsSql } from '../hooks/pageIds'
import { CANDIDATES_PER_TIER, rankedMatches, suggestions } from './candidates'

export const SEARCH_PATH = '/search'
export const SEARCH_QUERY_MAX_LENGTH = 100
export const SEARCH_LIMIT_MAX = 100
export const SEARCH_PAGE_MAX = 10_000
/**
 * At most this many matches are ranked and paged: far more than anyone pages through. (In order
 * of relevance, the first CANDIDATES_PER_TIER of each tier, filtered first on SQLite: see
 * candidates.ts.)
 */
export const SEARCH_RESULTS_MAX = 1000
/** `sort`: relevance (the default), or one of the orders the shop offers. */
export const SEARCH_SORTS = ['relevance', 'soldOut,name', 'name', '-name', 'price', '-price', 'createdAt', '-createdAt'] as const

const refuse = (path: string, message: string): never => {
  throw new APIError(message, 400, { errors: [{ path, message }] }, true)
}

function whole(req: PayloadRequest, name: string, { min, max, fallback }: { min: number; max: number; fallback: number }): number {
  const raw = req.query?.[name]
  if (raw === undefined || raw === '') return fallback
  const value = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isInteger(value) || value < min || value > max) refuse(name, `${name} must be a whole number from ${min} to ${max}.`)
  return value
}

/**
 * GET /api/items/search?q=…&limit=&page=&sort=&where=&select=&populate=&depth=: published items
 * matching the words of `q` (typos, prefixes, plurals forgiven), best match first, in Payload's
 * page shape (`docs`, `totalDocs`, `page`, …) plus `suggestions` ("did you mean": the closest
 * item names) when nothing matches. Everyone, staff included, searches what shoppers can see:
 * the index holds published items only (the admin panel has its own search by name and SKU).
 * `where` narrows the matches (the shop's filters); another `sort` orders them instead of
 * relevance; `select`, `populate` and `depth` shape the documents as on GET /api/items.
 */
export const searchItems: Endpoint = {
  path: SEARCH_PATH,
  method: 'get',
  handler: async (req) => {
    const rawQ = req.query?.q
    const q = typeof rawQ === 'string' ? rawQ.replace(/\p{C}+/gu, ' ').trim() : ''
    if (!q) return refuse('q', 'q (the words to search for) is required.')
    if (q.length > SEARCH_QUERY_MAX_LENGTH) refuse('q', `q must be at most ${SEARCH_QUERY_MAX_LENGTH} characters.`)
    // Punctuation alone ("%%%") is a search that matches nothing, not a mistake.
    const plan = searchPlan(q)
    const limit = whole(req, 'limit', { min: 1, max: SEARCH_LIMIT_MAX, fallback: 10 })
    const page = whole(req, 'page', { min: 1, max: SEARCH_PAGE_MAX, fallback: 1 })
    const depth = whole(req, 'depth', { min: 0, max: 2, fallback: 1 })
    const sort = (req.query?.sort ?? 'relevance') as (typeof SEARCH_SORTS)[number]
    if (!SEARCH_SORTS.includes(sort)) refuse('sort', `sort must be one of: ${SEARCH_SORTS.join(', ')}.`)
    const where = req.query?.where as Where | undefined
    if (where !== undefined && (typeof where !== 'object' || where === null || Array.isArray(where)))
      refuse('where', 'where must be a Payload query, e.g. where[price][less_than]=500.')
    // As Payload's own REST handlers read them ("true" in a query string is text).
    const select = sanitizeSelectParam(req.query?.select as never)
    const populate = sanitizePopulateParam(req.query?.populate as never)

    // Payload's count, over one id (a primary-key lookup), checks the `where` as its find would
    // (the fields the caller may query, operators that fit them: a bad one is a 400).
    const checkWhere = (where: Where, id: number | string) =>
      req.payload.count({ collection: ITEMS, where: { and: [{ id: { equals: id } }, where] }, overrideAccess: false, user: req.user, req })
    // On SQLite a filter goes into the index lookup, before its limit; elsewhere it is applied to
    // what was read, so a filter there, like another order, may want any of the matches.
    const sqlite = sqliteOf(req)
    const perTier = sort !== 'relevance' || (where && !sqlite) ? SEARCH_RESULTS_MAX : CANDIDATES_PER_TIER
    const filter =
      where && sqlite
        ? async () => {
            await checkWhere(where, 0)
            return whereAsSql(req, where, 'i')
          }
        : undefined
    const { ranked: matches, filtered } = await rankedMatches(req.payload, plan, { perTier, filter })
    const ranked = matches.slice(0, SEARCH_RESULTS_MAX)
    const ids = ranked.map((item) => item.id)
    const shape = { select, populate, depth, overrideAccess: false, user: req.user, req } as const
    let kept = ids
    if (ids.length > 0 && where && !filtered) {
      // The filters, over the matches: the database adapter names the matches that pass, in
      // primary-key order, without building a document for each (Payload's find would run every
      // field's read hooks on up to SEARCH_RESULTS_MAX items to return their ids; a count over all
      // of them would walk a filter's index across the whole catalogue). The ids are all published
      // (the index holds nothing else), and the reads below apply the caller's access again.
      await checkWhere(where, ids[0]!)
      const keep = new Set((await matchesPassing(req, ids, where)).map(String))
      kept = ids.filter((id) => keep.has(String(id)))
    }
    let docs: unknown[] = []
    let totalDocs = kept.length
    if (kept.length > 0 && sort !== 'relevance') {
      // Another order: Payload sorts, counts and pages the matches, reading only the page's documents.
      const found = await req.payload.find({ collection: ITEMS, where: { id: { in: kept } }, sort, limit, page, ...shape })
      docs = found.docs
      totalDocs = found.totalDocs
    } else {
      const pageIds = kept.slice((page - 1) * limit, page * limit)
      if (pageIds.length > 0) {
        // In id order, which the primary key gives: with the collection's default order (name)
        // the database would rather walk the whole name index than sort 24 rows. Put back in
        // the ranking's order below.
        const found = await req.payload.find({ collection: ITEMS, where: { id: { in: pageIds } }, sort: 'id', pagination: false, ...shape })
        const byId = new Map(found.docs.map((doc) => [String(doc.id), doc]))
        docs = pageIds.map((id) => byId.get(String(id))).filter(Boolean)
      }
    }
    const suggested = ranked.length === 0 ? await suggestions(req.payload, plan) : []
    return Response.json({
      docs,
      limit,
      ...pageTotals({ totalDocs, page, limit }),
      suggestions: await suggestionLinks(
        req,
        suggested.map((item) => item.id),
      ),
    })
  },
}

/**
 * Of the matches `ids`, those that pass `where`, by idsInOrder (ids alone, no document built for
 * each match: the adapter's find turned every row into one, over every field of the collection, a
 * tenth of a filtered search's CPU at 100 000 items). On SQLite the matches go in as one JSON array
 * beside Payload's WHERE, rather than as thousands of bound `IN` values.
 */
async function matchesPassing(req: PayloadRequest, ids: Array<number | string>, where: Where): Promise<Array<number | string>> {
  const sqlite = sqliteOf(req)
  if (sqlite)
    return idsInOrder(req, where, ['id'], { and: sql`${itemsTable(sqlite).id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))` })
  return idsInOrder(req, { and: [{ id: { in: ids } }, where] }, ['id'])
}

/** The suggested items' names and slugs, in the suggested order. */
async function suggestionLinks(req: PayloadRequest, ids: Array<number | string>): Promise<Array<{ name: string; slug: string }>> {
  if (ids.length === 0) return []
  const { docs } = await req.payload.find({
    collection: ITEMS,
    where: { id: { in: ids } },
    sort: 'id', // the primary key's order (see the page's find); put back in the suggested order below
    select: { name: true, slug: true },
    depth: 0,
    pagination: false,
    overrideAccess: false,
    user: req.user,
    req,
  })
  const byId = new Map(docs.map((doc) => [String(doc.id), doc]))
  return ids.flatMap((id) => {
    const doc = byId.get(String(id))
    return doc ? [{ name: doc.name, slug: doc.slug ?? '' }] : []
  })
}
