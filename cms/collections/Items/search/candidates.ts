import type { Payload } from 'payload'

import { type Candidate, inName, type QueryWord, type Ranked, rank } from '../../../../shared/searchIndex.ts'
import { ITEMS } from '../../../slugs'

/**
 * How many items one index lookup hands to the ranking, per tier (see rankedMatches). Reading
 * stops there, in id order, straight off the index: a search costs the same at 10 000 items as at
 * 100 000. A word found in thousands of items ("rice") still yields its best matches, because the
 * name is searched on its own first.
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
 * its keys), or any key of any group. In id order, at most `limit`. Both databases answer from an
 * index alone: SQLite from the FTS5 table (which holds published items only), MongoDB from the
 * multikey index on `searchTerms`.
 */
export async function lookUp(payload: Payload, groups: string[][], { all, limit }: { all: boolean; limit: number }): Promise<Candidate[]> {
  const db = payload.db as unknown as { name: string; client?: SqliteClient; collections?: Record<string, { collection: MongoCollection }> }
  if (db.name === 'sqlite') {
    // FTS5 query syntax: each key a quoted string (keys are letters, digits and = > ~ only).
    const match = groups.map((keys) => `(${keys.map((key) => `"${key}"`).join(' OR ')})`).join(all ? ' AND ' : ' OR ')
    const { rows } = await db.client!.execute({
      sql: `SELECT i.id, i.name, i.search_text, i.sold_out FROM ${SQLITE_TABLE} s JOIN items i ON i.id = s.rowid
            WHERE ${SQLITE_TABLE} MATCH ? AND i._status = 'published' ORDER BY s.rowid LIMIT ?`,
      args: [match, limit],
    })
    return rows.map((row) => ({
      id: Number(row.id),
      name: String(row.name),
      searchText: (row.search_text as string | null) ?? '',
      soldOut: Boolean(row.sold_out),
    }))
  }
  const collection = db.collections![ITEMS]!.collection
  const filter = all ? { $and: groups.map((keys) => ({ searchTerms: { $in: keys } })) } : { searchTerms: { $in: groups.flat() } }
  const docs = await collection
    .find({ _status: 'published', ...filter }, { projection: { name: 1, searchText: 1, soldOut: 1 } })
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
 * most CANDIDATES_PER_TIER items: the name without typos, the name with typos, then name and
 * description without and with typos; a later tier is skipped when an earlier one was already full
 * (a common word: the ranking has enough good matches). The ranking (shared/searchIndex.ts) then
 * checks every match and orders them.
 */
export async function rankedMatches(payload: Payload, plan: QueryWord[]): Promise<Ranked<Candidate>[]> {
  if (plan.length === 0) return []
  const typos = plan.some((word) => word.keys.length > word.exactKeys.length)
  const tiers = [
    plan.map((word) => inName(word.exactKeys)),
    typos && plan.map((word) => inName(word.keys)),
    plan.map((word) => word.exactKeys),
    typos && plan.map((word) => word.keys),
  ].filter((tier): tier is string[][] => Boolean(tier))
  const found = new Map<string, Candidate>()
  for (const groups of tiers) {
    const candidates = await lookUp(payload, groups, { all: true, limit: CANDIDATES_PER_TIER })
    for (const candidate of candidates) found.set(String(candidate.id), candidate)
    if (found.size >= CANDIDATES_PER_TIER) break
  }
  return rank(plan, [...found.values()])
}

/** How many names "did you mean" offers. */
export const SUGGESTIONS = 5

/**
 * When nothing matches every word: the items matching the most words (each as forgivingly as a
 * search), best first, for "did you mean".
 */
export async function suggestions(payload: Payload, plan: QueryWord[]): Promise<Ranked<Candidate>[]> {
  if (plan.length === 0) return []
  const candidates = await lookUp(
    payload,
    plan.map((word) => word.keys),
    { all: false, limit: CANDIDATES_PER_TIER },
  )
  return rank(plan, candidates, { all: false }).slice(0, SUGGESTIONS)
}
