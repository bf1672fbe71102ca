import type { Payload } from 'payload'

import { itemSearchTerms } from '../../../../shared/searchIndex.ts'
import { pushesSchema } from '../../../database/devPush'
import { ITEMS } from '../../../slugs'

/**
 * SQLite: an FTS5 table of the published items' search keys (rowid = the item's id), kept in step
 * by triggers, so every change to `items` updates it in the same transaction, on every replica.
 * Drafts are never in it: only what anonymous readers may see can be found. `detail=none`: the
 * keys are looked up, never phrase-matched, so positions are not stored.
 */
export const SQLITE_SEARCH_INDEX = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS items_search USING fts5(terms, tokenize = "unicode61 tokenchars '=>~'", detail = none)`,
  `CREATE TRIGGER IF NOT EXISTS items_search_after_insert AFTER INSERT ON items WHEN new._status = 'published' BEGIN
     INSERT INTO items_search (rowid, terms) VALUES (new.id, (SELECT group_concat(value, ' ') FROM json_each(new.search_terms)));
   END`,
  `CREATE TRIGGER IF NOT EXISTS items_search_after_update AFTER UPDATE ON items BEGIN
     DELETE FROM items_search WHERE rowid = old.id;
     INSERT INTO items_search (rowid, terms) SELECT new.id, (SELECT group_concat(value, ' ') FROM json_each(new.search_terms)) WHERE new._status = 'published';
   END`,
  `CREATE TRIGGER IF NOT EXISTS items_search_after_delete AFTER DELETE ON items BEGIN
     DELETE FROM items_search WHERE rowid = old.id;
   END`,
]

export const SQLITE_SEARCH_INDEX_DOWN = [
  'DROP TRIGGER IF EXISTS items_search_after_insert',
  'DROP TRIGGER IF EXISTS items_search_after_update',
  'DROP TRIGGER IF EXISTS items_search_after_delete',
  'DROP TABLE IF EXISTS items_search',
]

type Row = { id: unknown; name: unknown; search_text: unknown }
type Sqlite = { name: 'sqlite'; client: { execute: (query: string | { sql: string; args: unknown[] }) => Promise<{ rows: Row[] }> } }
type Mongo = {
  name: 'mongoose'
  collections: Record<
    string,
    {
      collection: {
        find: (filter: object, options: object) => AsyncIterable<{ _id: unknown; name?: string; searchText?: string }>
        updateOne: (filter: object, update: object) => Promise<unknown>
      }
    }
  >
}

/**
 * At start: gives items saved before the search existed their keys. On MongoDB, which has no
 * migrations here, every start (one query when there is nothing to do); on SQLite the migration
 * 20261130_043900_item_search does it, except in dev mode (`npm run dev`), which pushes the schema
 * instead of migrating: there the FTS5 table and its triggers are created here too, and filled
 * (dev mode drops them before each push: cms/database/index.ts).
 */
export async function backfillSearchTerms(payload: Payload): Promise<void> {
  const db = payload.db as unknown as Mongo | Sqlite
  if (db.name === 'sqlite') {
    if (!pushesSchema(payload.db)) return
    for (const statement of SQLITE_SEARCH_INDEX) await db.client.execute(statement)
    // The table was dropped before the push (cms/database/index.ts): the items that have keys go back in.
    await db.client.execute('DELETE FROM items_search')
    await db.client.execute(
      "INSERT INTO items_search (rowid, terms) SELECT id, (SELECT group_concat(value, ' ') FROM json_each(search_terms)) FROM items WHERE _status = 'published' AND search_terms IS NOT NULL",
    )
    const { rows } = await db.client.execute('SELECT id, name, search_text FROM items WHERE search_terms IS NULL')
    for (const row of rows) {
      await db.client.execute({
        sql: 'UPDATE items SET search_terms = ? WHERE id = ?',
        args: [JSON.stringify(itemSearchTerms(String(row.name ?? ''), String(row.search_text ?? ''))), row.id],
      })
    }
    return
  }
  const { collection } = db.collections[ITEMS]!
  for await (const doc of collection.find({ searchTerms: { $exists: false } }, { projection: { name: 1, searchText: 1 } })) {
    await collection.updateOne({ _id: doc._id }, { $set: { searchTerms: itemSearchTerms(doc.name ?? '', doc.searchText ?? '') } })
  }
}
