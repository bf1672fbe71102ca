import type { Payload } from 'payload'

import { type Candidate, inName, type QueryWord, type Ranked, rank } from '../../../../shared/searchIndex.ts'
import { ITEMS } from '../../../slugs'

/**
 * How many items one index lookup hands to the ranking, per tier (see rankedMatches), for a
 * search in order of relevance with no filter. Reading stops there, in id order, straight off
 * the index: a search costs the same at 10 000 items as at 100 000. A word found in thousands of
 * items ("rice") still yields its best matches, because the name is searched on its own first.
 * A filtered search, or one in another order (cheapest first), reads up to SEARCH_RESULTS_MAX
 * (the search endpoint): the cheapest rice, or the rice under $2, may be anywhere among them.
 */
export const CANDIDATES_PER_TIER = 300

/** The FTS5 table the SQLite migration 20261130_043900_item_search keeps in step with published items. */
const SQLITE_TABLE = 'items_search'

type SqliteClient = { execute: (query: { sql: string; args: unknown[] }) => Promise<{ rows: Record<string, unknown>[] }> }
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
  { all, limit, text = true }: { all: boolean; limit: number; text?: boolean },
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
              WHERE ${SQLITE_TABLE} MATCH ? AND i._status = 'published' ORDER BY s.rowid LIMIT ?)`,
      args: [match, limit],
    })
    const found = JSON.parse(String(rows[0]?.found ?? '[]')) as Array<[number, string, string | null, number | null]>
    return found.map(([id, name, searchText, soldOut]) => ({
      id,
      name: String(name),
      searchText: searchText ?? '',
      soldOut: Boolean(soldOut),
    }))
  }
  const collection = db.collections![ITEMS]!.collection
  // A key ending in `*`: the keys that begin with it, an anchored regular expression that the
  // multikey index answers as a range (keys hold no regular-expression characters).
  const anyOf = (keys: string[]) => {
    const exact = keys.filter((key) => !key.endsWith('*'))
    const prefixes = keys.filter((key) => key.endsWith('*')).map((key) => ({ searchTerms: { $regex: `^${key.slice(0, -1)}` } }))
    return prefixes.length === 0 ? { searchTerms: { $in: exact } } : { $or: [{ searchTerms: { $in: exact } }, ...prefixes] }
  }
  const filter = all ? { $and: groups.map(anyOf) } : anyOf(groups.flat())
  const docs = await collection
    .find({ _status: 'published', ...filter }, { projection: { name: 1, soldOut: 1, ...(text ? { searchText: 1 } : {}) } })
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
 * most CANDIDATES_PER_TIER items: the name, then name and description, first without typos, only
 * then (when nothing matched as typed) with them, and only then with a prefix that has a typo,
 * because the ranking keeps only the fewest-typo matches anyway: a typo tier after an exact match
 * would be read to be thrown away.
 * A later tier is skipped when an earlier one was already full (a common word: the ranking has
 * enough good matches). The ranking (shared/searchIndex.ts) then checks every match and orders them.
 */
export async function rankedMatches(
  payload: Payload,
  plan: QueryWord[],
  { perTier = CANDIDATES_PER_TIER }: { perTier?: number } = {},
): Promise<Ranked<Candidate>[]> {
  if (plan.length === 0) return []
  const lookUpTiers = (groups: string[][]) => lookUpTiersOf(payload, groups, perTier)
  const exact = await lookUpTiers(plan.map((word) => word.exactKeys))
  const ranked = rank(plan, exact)
  if (ranked.length > 0 || plan.every((word) => word.keys.length === word.exactKeys.length)) return ranked
  const typos = rank(plan, await lookUpTiers(plan.map((word) => word.keys)))
  // Last, a word that may be a prefix with a typo ("chocl"): only when nothing else matched, and
  // only for the words that find nothing on their own. (A prefix key is a range of the index's
  // keys, read in full: the deletions of "serie" begin the keys of most items at 100 000.)
  if (typos.length > 0 || plan.every((word) => word.prefixTypoKeys.length === word.keys.length)) return typos
  const alone = await Promise.all(
    plan.map(async (word) => (await lookUp(payload, [word.keys], { all: true, limit: 1, text: false })).length > 0),
  )
  // Every word finds items, just not the same ones; or a word that cannot be a prefix with a typo finds none.
  if (alone.every(Boolean) || plan.some((word, i) => !alone[i] && word.prefixTypoKeys.length === word.keys.length)) return typos
  return rank(plan, await lookUpTiers(plan.map((word, i) => (alone[i] ? word.keys : word.prefixTypoKeys))))
}

/** The name tier (without the description's text, which it does not need), then name and description. */
async function lookUpTiersOf(payload: Payload, groups: string[][], perTier: number): Promise<Candidate[]> {
  const found = new Map<string, Candidate>()
  for (const candidate of await lookUp(payload, groups.map(inName), { all: true, limit: perTier, text: false }))
    found.set(String(candidate.id), candidate)
  if (found.size >= perTier) return [...found.values()]
  for (const candidate of await lookUp(payload, groups, { all: true, limit: perTier }))
    if (!found.has(String(candidate.id))) found.set(String(candidate.id), candidate)
  return [...found.values()]
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
