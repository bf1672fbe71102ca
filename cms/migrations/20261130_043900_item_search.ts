import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { itemSearchTerms } from '../../shared/searchIndex.ts'
import { SQLITE_SEARCH_INDEX, SQLITE_SEARCH_INDEX_DOWN } from '../collections/Items/search/databaseIndex'

/**
 * The typo-forgiving search's index on SQLite: an FTS5 table over the published items' search
 * keys, kept in step with `items` by triggers (same transaction as every change), then filled for
 * the items already there. Payload's schema cannot express virtual tables or triggers, so this
 * migration is written by hand; the MongoDB leg indexes `searchTerms` itself (field `index`).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of SQLITE_SEARCH_INDEX) await db.run(sql.raw(statement))
  // In the migration's transaction: the update trigger indexes each published item.
  const rows = await db.all<{ id: number; name: string | null; search_text: string | null }>(
    sql`SELECT id, name, search_text FROM items WHERE search_terms IS NULL`,
  )
  for (const row of rows) {
    const terms = JSON.stringify(itemSearchTerms(row.name ?? '', row.search_text ?? ''))
    await db.run(sql`UPDATE items SET search_terms = ${terms} WHERE id = ${row.id}`)
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const statement of SQLITE_SEARCH_INDEX_DOWN) await db.run(sql.raw(statement))
}
