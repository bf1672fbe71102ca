import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { SQLITE_ADMIN_SEARCH, SQLITE_ADMIN_SEARCH_DOWN, SQLITE_ADMIN_SEARCH_FILL } from '../collections/Items/adminSearch'

/**
 * The admin's search of the Items list from an index: an FTS5 trigram table of each item's latest
 * name and SKU, kept by triggers on `_items_v`, then filled with the versions already there. See
 * cms/collections/Items/adminSearch.ts. Hand-written: Payload's schema cannot express virtual
 * tables or triggers.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of SQLITE_ADMIN_SEARCH) await db.run(sql.raw(statement))
  await db.run(sql.raw(SQLITE_ADMIN_SEARCH_FILL))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const statement of SQLITE_ADMIN_SEARCH_DOWN) await db.run(sql.raw(statement))
}
