import type { CollectionBeforeOperationHook, Payload, Where } from 'payload'

import { signedInStaff } from '../../access/signedInStaff'
import { rebuildInDev } from '../../database/devPush'
import { matchingNothing, type Sqlite, sqliteOf } from './hooks/pageIds'

/**
 * The admin's search of the Items list (by name and SKU, `listSearchableFields`) from an index, on
 * SQLite. Payload answers it with `LIKE '%word%'` on every latest version, which no B-tree can
 * serve: a search that finds little or nothing read all 100 000 versions (110–200 ms), on every
 * keystroke's list refresh. An FTS5 table with the trigram tokenizer (sqlite.org/fts5.html, "The
 * Trigram Tokenizer") answers the same LIKE patterns from an index; it holds the name and SKU of
 * each item's latest version (drafts included, as the list shows them), kept by triggers on
 * `_items_v` in the same transaction as every save.
 *
 * The hook turns such a search, in staff's read of the latest versions (the list's `draft: true`), into
 * the ids of the items it finds: candidates from the trigram index, then Payload's own LIKE on
 * those rows, so the answer is exactly Payload's. Payload then reads, sorts, counts and pages
 * those ids under the caller's access as before. A search that finds more than MAX_IDS items, or
 * whose words an index cannot serve (shorter than three letters, or with LIKE's own `%` or `_`),
 * is left to Payload: such a search finds its first page early in the name index anyway.
 * MongoDB: left to its regular expressions (a regex on an unanchored substring reads every key).
 */
export const SQLITE_ADMIN_SEARCH = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS items_admin_search USING fts5(name, sku, tokenize = 'trigram', detail = none)`,
  `CREATE TRIGGER IF NOT EXISTS items_admin_search_after_insert AFTER INSERT ON _items_v WHEN new.latest = 1 BEGIN
     INSERT INTO items_admin_search (rowid, name, sku) VALUES (new.id, new.version_name, new.version_sku);
   END`,
  `CREATE TRIGGER IF NOT EXISTS items_admin_search_after_update AFTER UPDATE ON _items_v BEGIN
     DELETE FROM items_admin_search WHERE rowid = old.id;
     INSERT INTO items_admin_search (rowid, name, sku) SELECT new.id, new.version_name, new.version_sku WHERE new.latest = 1;
   END`,
  `CREATE TRIGGER IF NOT EXISTS items_admin_search_after_delete AFTER DELETE ON _items_v BEGIN
     DELETE FROM items_admin_search WHERE rowid = old.id;
   END`,
]

/** The versions already there (the migration, and dev mode after its schema push). */
export const SQLITE_ADMIN_SEARCH_FILL = `INSERT INTO items_admin_search (rowid, name, sku)
  SELECT id, version_name, version_sku FROM _items_v WHERE latest = 1 AND id NOT IN (SELECT rowid FROM items_admin_search)`

export const SQLITE_ADMIN_SEARCH_DOWN = [
  'DROP TRIGGER IF EXISTS items_admin_search_after_insert',
  'DROP TRIGGER IF EXISTS items_admin_search_after_update',
  'DROP TRIGGER IF EXISTS items_admin_search_after_delete',
  'DROP TABLE IF EXISTS items_admin_search',
]

/** At start in dev mode: the table and its triggers, filled (cms/database/devPush.ts). Elsewhere the migration 20261130_160000_admin_item_search made them. */
export const ensureAdminSearchInDev = (payload: Payload): Promise<void> =>
  rebuildInDev(payload, [...SQLITE_ADMIN_SEARCH, SQLITE_ADMIN_SEARCH_FILL])

/** More items than this found, and the search is left to Payload (an id list that long costs more than it saves). */
export const MAX_IDS = 1000

/** The searchable fields: the list's `listSearchableFields` (`version_<field>` in the versions table). */
const COLUMNS = ['name', 'sku'] as const
type Column = (typeof COLUMNS)[number]

/** A search the index can answer: for each column searched, the words that must all be in it. */
export type IndexedSearch = Array<{ column: Column; words: string[] }>

/** LIKE's words as Payload makes them (split at each space), if the trigram index can serve every one. */
function indexableWords(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined
  const words = value.split(' ')
  return words.every((word) => [...word].length >= 3 && !/[%_]/.test(word)) ? words : undefined
}

/** `{ name: { like } }` or `{ sku: { like } }` alone, as one column's words. */
function likeCondition(node: Where): IndexedSearch[number] | undefined {
  const keys = Object.keys(node)
  if (keys.length !== 1 || !COLUMNS.includes(keys[0] as Column)) return undefined
  const condition = node[keys[0]!] as Record<string, unknown> | undefined
  if (!condition || typeof condition !== 'object' || Object.keys(condition).length !== 1 || !('like' in condition)) return undefined
  const words = indexableWords(condition.like)
  return words && { column: keys[0] as Column, words }
}

/** A node of `where` the index can answer: one such condition, or an `or` of them (the list's search box). */
export function indexedSearch(node: Where): IndexedSearch | undefined {
  const single = likeCondition(node)
  if (single) return [single]
  if (Object.keys(node).length !== 1 || !Array.isArray(node.or) || node.or.length === 0) return undefined
  const parts = node.or.map((entry) => (entry && typeof entry === 'object' ? likeCondition(entry as Where) : undefined))
  return parts.every(Boolean) ? (parts as IndexedSearch) : undefined
}

/**
 * `where` with each node the index can answer replaced by what `answer` gives for it (an id
 * condition), or undefined when `answer` declines it; unchanged (the same object) when nothing was.
 */
export async function replaceSearches(where: Where, answer: (search: IndexedSearch) => Promise<Where | undefined>): Promise<Where> {
  const search = indexedSearch(where)
  if (search) return (await answer(search)) ?? where
  let changed = false
  const result: Where = {}
  for (const [key, value] of Object.entries(where)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) {
      const nodes = await Promise.all(
        value.map(async (node) => (node && typeof node === 'object' ? replaceSearches(node as Where, answer) : node)),
      )
      if (nodes.some((node, i) => node !== value[i])) changed = true
      result[key] = nodes as Where[]
    } else result[key] = value
  }
  return changed ? result : where
}

/** The ids of the items whose latest version the search finds, or undefined past MAX_IDS. */
async function foundIds(sqlite: Sqlite, search: IndexedSearch): Promise<number[] | undefined> {
  const likeAll = (column: string, words: string[]) => words.map(() => `${column} LIKE ?`).join(' AND ')
  const patterns = search.flatMap(({ words }) => words.map((word) => `%${word}%`))
  // Candidates from the index (one lookup per column: FTS5 cannot serve an OR of two columns'
  // patterns), then Payload's own condition on the version itself.
  const candidates = search
    .map(({ column, words }) => `SELECT rowid FROM items_admin_search WHERE ${likeAll(column, words)}`)
    .join(' UNION ')
  const exact = search.map(({ column, words }) => `(${likeAll(`v.version_${column}`, words)})`).join(' OR ')
  const { rows } = await sqlite.client.execute({
    sql: `SELECT json_group_array(parent_id) AS ids FROM (SELECT DISTINCT v.parent_id FROM _items_v v
            WHERE v.id IN (${candidates}) AND v.latest = 1 AND v.parent_id IS NOT NULL AND (${exact}) LIMIT ${MAX_IDS + 1})`,
    args: [...patterns, ...patterns],
  })
  const ids = JSON.parse(String(rows[0]?.ids ?? '[]')) as number[]
  return ids.length > MAX_IDS ? undefined : ids
}

/** beforeOperation: see the top of this file. */
export const adminSearch: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  // Staff only (the admin's list): anyone else reads published items, whose search Payload keeps.
  const sqlite = sqliteOf(req)
  if ((operation !== 'read' && operation !== 'count') || 'id' in args || req.transactionID || !sqlite || !signedInStaff(req)) return args
  const { draft, where: asked } = args as { draft?: boolean; where?: Where }
  if (!draft || !asked) return args
  try {
    const where = await replaceSearches(asked, async (search) => {
      const ids = await foundIds(sqlite, search)
      return ids && (ids.length > 0 ? { id: { in: ids } } : matchingNothing(0))
    })
    return where === asked ? args : { ...args, where }
  } catch (error) {
    // Before Payload's checks: a search it would refuse is left for it to refuse.
    req.payload.logger.debug({ err: error }, 'admin search left to Payload')
    return args
  }
}
