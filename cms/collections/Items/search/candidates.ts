import type { Payload } from 'payload'

import { type Candidate, inName, type QueryWord, type Ranked, rank } from '../../../../shared/searchIndex.ts'
import { ITEMS } from '../../../slugs'

/**
 * How many items one index lookup hands to the ranking, per tier (see rankedMatches), for a
 * search in order of relevance. Reading stops there, in id order, straight off the index: a
 * search costs the same at 10 000 items as at 100 000. A word found in thousands of items
 * ("rice") still yields its best matches, because the name is searched on its own first; with a
 * filter (the rice under $2), the filter is applied before the limit on SQLite. A search in
 * another order (cheapest first), or filtered on MongoDB, reads up to SEARCH_RESULTS_MAX (the
 * search endpoint): the cheapest rice may be anywhere among them.
 */
export const CANDIDATES_PER_TIER = 300

/** The FTS5 table the SQLite migration 20261130_043900_item_search keeps in step with published items. */
const SQLITE_TABLE = 'items_search'

type SqliteClient = { execute: (query: { sql: string; args: unknown[] }) => Promise<{ rows: Record<string, unknown>[] }> }
/**
 * A condition on the search's items row (aliased `i`) as SQL with its arguments: the caller's
 * `where`, which lookUp then applies before its limit (SQLite only; see whereAsSql).
 */
export type SqlFilter = { sql: string; args: unknown[] }

type MongoDoc = { _id: unknown; name?: unknown; searchText?: string | null; soldOut?: boolean | null }
type MongoCollection = {
  find: (
    filter: Record<string, unknown>,
    options: Record<string, unknown>,
  ) => { sort: (sort: Record<string, 1>) => { limit: (n: number) => { toArray: () => Promise<MongoDoc[]> } } }
}

/**
 * Published items whose index keys meet the query: `all` groups (each query word matches one of
 * its keys), or any key of any group. In id order, at most `limit`. `text: false` leaves out the
 * description's text (for name keys: the name alone scores such a match). Both databases answer from an
 * index alone: SQLite from the FTS5 table (which holds published items only), MongoDB from the
 * multikey index on `searchTerms`.
 */
export async function lookUp(
  payload: Payload,
  groups: string[][],
  { all, limit, text = true, filter }: { all: boolean; limit: number; text?: boolean; filter?: SqlFilter },
): Promise<Candidate[]> {
  const db = payload.db as unknown as { name: string; client?: SqliteClient; collections?: Record<string, { collection: MongoCollection }> }
  if (db.name === 'sqlite') {
    // FTS5 query syntax: each key a quoted string (keys are letters, digits and = > ~ only); a
    // key ending in `*` is a prefix query, read from FTS5's dictionary of keys.
    const term = (key: string) => (key.endsWith('*') ? `"${key.slice(0, -1)}"*` : `"${key}"`)
    const match = groups.map((keys) => `(${keys.map(term).join(' OR ')})`).join(all ? ' AND ' : ' OR ')
    // The candidates come back as one JSON text: libsql hands JavaScript each row and column one
    // by one, which for 300 candidates was a sixth of a search's CPU. (An ordered subquery keeps
    // its order through the aggregate: SQLite does not flatten it.)
    const { rows } = await db.client!.execute({
      sql: `SELECT json_group_array(json_array(id, name, search_text, sold_out)) AS found FROM (
              SELECT i.id, i.name, ${text ? 'i.search_text' : "''"} AS search_text, i.sold_out FROM ${SQLITE_TABLE} s JOIN items i ON i.id = s.rowid
              WHERE ${SQLITE_TABLE} MATCH ? AND i._status = 'published'${filter ? ` AND ${filter.sql}` : ''} ORDER BY s.rowid LIMIT ?)`,
      args: [match, ...(filter?.args ?? []), limit],
    })
    const found = JSON.parse(String(rows[0]?.found ?? '[]')) as Array<[number, string, string | null, number | null]>
    return found.map(([id, name, searchText, soldOut]) => ({
      id,
      name: String(name),
      searchText: searchText ?? '',
      soldOut: Boolean(soldOut),
    }))
  }
  if (filter) throw new Error('a search filter as SQL is for SQLite only')
  const collection = db.collections![ITEMS]!.collection
  // A key ending in `*`: the keys that begin with it, an anchored regular expression that the
  // multikey index answers as a range (keys hold no regular-expression characters).
  const anyOf = (keys: string[]) => {
    const exact = keys.filter((key) => !key.endsWith('*'))
    const prefixes = keys.filter((key) => key.endsWith('*')).map((key) => ({ searchTerms: { $regex: `^${key.slice(0, -1)}` } }))
    return prefixes.length === 0 ? { searchTerms: { $in: exact } } : { $or: [{ searchTerms: { $in: exact } }, ...prefixes] }
  }
  const keysFilter = all ? { $and: groups.map(anyOf) } : anyOf(groups.flat())
  const docs = await collection
    .find({ _status: 'published', ...keysFilter }, { projection: { name: 1, soldOut: 1, ...(text ? { searchText: 1 } : {}) } })
    .sort({ _id: 1 })
    .limit(limit)
    .toArray()
  return docs.map((doc) => ({
    id: String(doc._id),
    name: String(doc.name),
    searchText: doc.searchText ?? '',
    soldOut: Boolean(doc.soldOut),
  }))
}

/**
 * The published items matching every word of the query, best first. Looked up in tiers, each at
 * most `perTier` items: the name, then name and description, first without typos, only then
 * (when nothing matched as typed) with them, and only then with a prefix that has a typo,
 * because the ranking keeps only the fewest-typo matches anyway: a typo tier after an exact match
 * would be read to be thrown away.
 * A later tier is skipped when an earlier one was already full (a common word: the ranking has
 * enough good matches). The ranking (shared/searchIndex.ts) then checks every match and orders them.
 *
 * `filter` (the caller's `where` as SQL, asked for only when needed; SQLite): which tier answers
 * is decided on every match, as without it (a filter that leaves no exact match must not bring in
 * look-alikes one typo away); when that tier had more matches than were read, it is read again
 * with the filter applied before the limit, so the matches that pass are not only those among the
 * first read. `filtered` says the matches were read that way (and so all pass).
 */
export async function rankedMatches(
  payload: Payload,
  plan: QueryWord[],
  { perTier = CANDIDATES_PER_TIER, filter }: { perTier?: number; filter?: () => Promise<SqlFilter> } = {},
): Promise<{ ranked: Ranked<Candidate>[]; filtered: boolean }> {
  const tier = await answeringTier(payload, plan, perTier)
  if (!tier) return { ranked: [], filtered: false }
  if (!filter || !tier.capped) return { ranked: tier.ranked, filtered: false }
  return { ranked: rank(plan, (await lookUpTiers(payload, tier.groups, perTier, await filter())).candidates), filtered: true }
}

type Tier = { groups: string[][]; ranked: Ranked<Candidate>[]; capped: boolean }

/** The tier whose matches a search shows (see rankedMatches), its keys and whether it was read in full. */
async function answeringTier(payload: Payload, plan: QueryWord[], perTier: number): Promise<Tier | undefined> {
  if (plan.length === 0) return undefined
  const tier = async (groups: string[][]): Promise<Tier> => {
    const { candidates, capped } = await lookUpTiers(payload, groups, perTier)
    return { groups, ranked: rank(plan, candidates), capped }
  }
  const exact = await tier(plan.map((word) => word.exactKeys))
  if (exact.ranked.length > 0 || plan.every((word) => word.keys.length === word.exactKeys.length)) return exact
  const typos = await tier(plan.map((word) => word.keys))
  // Last, a word that may be a prefix with a typo ("chocl"): only when nothing else matched, and
  // only for the words that find nothing on their own. (A prefix key is a range of the index's
  // keys, read in full: the deletions of "serie" begin the keys of most items at 100 000.)
  if (typos.ranked.length > 0 || plan.every((word) => word.prefixTypoKeys.length === word.keys.length)) return typos
  const alone = await Promise.all(
    plan.map(async (word) => (await lookUp(payload, [word.keys], { all: true, limit: 1, text: false })).length > 0),
  )
  // Every word finds items, just not the same ones; or a word that cannot be a prefix with a typo finds none.
  if (alone.every(Boolean) || plan.some((word, i) => !alone[i] && word.prefixTypoKeys.length === word.keys.length)) return typos
  return tier(plan.map((word, i) => (alone[i] ? word.keys : word.prefixTypoKeys)))
}

/**
 * The name tier (without the description's text, which it does not need), then name and
 * description; `capped` when a lookup stopped at its limit (more items match than were read).
 */
async function lookUpTiers(
  payload: Payload,
  groups: string[][],
  perTier: number,
  filter?: SqlFilter,
): Promise<{ candidates: Candidate[]; capped: boolean }> {
  const found = new Map<string, Candidate>()
  const inNames = await lookUp(payload, groups.map(inName), { all: true, limit: perTier, text: false, filter })
  for (const candidate of inNames) found.set(String(candidate.id), candidate)
  if (inNames.length >= perTier) return { candidates: [...found.values()], capped: true }
  const anywhere = await lookUp(payload, groups, { all: true, limit: perTier, filter })
  for (const candidate of anywhere) if (!found.has(String(candidate.id))) found.set(String(candidate.id), candidate)
  return { candidates: [...found.values()], capped: anywhere.length >= perTier }
}

/** How many names "did you mean" offers. */
export const SUGGESTIONS = 5

/** How many items a "did you mean" lookup reads: its five names are among the closest of these. */
const SUGGESTION_CANDIDATES = 100

/**
 * When nothing matches every word: the items matching the most words (each as forgivingly as a
 * search), best first, for "did you mean". Names are what it offers, so names are looked up
 * first; descriptions only when the names give fewer than SUGGESTIONS.
 */
export async function suggestions(payload: Payload, plan: QueryWord[]): Promise<Ranked<Candidate>[]> {
  if (plan.length === 0) return []
  const lookUpAny = (groups: string[][]) => lookUp(payload, groups, { all: false, limit: SUGGESTION_CANDIDATES })
  let ranked = rank(plan, await lookUpAny(plan.map((word) => inName(word.keys))), { all: false })
  if (ranked.length < SUGGESTIONS) ranked = rank(plan, await lookUpAny(plan.map((word) => word.keys)), { all: false })
  return ranked.slice(0, SUGGESTIONS)
}
