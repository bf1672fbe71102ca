import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

/**
 * The admin's Items list reads the latest version of every item (Payload's drafts query:
 * `_items_v WHERE latest = true`, sorted by name, the item's createdAt, then the version's
 * createdAt descending, which Payload adds). Payload indexes `latest` alone,
 * so SQLite sorted every item in a temporary B-tree: 205 ms per page at 100 000 items, against
 * 0.1 ms from this index. Payload's `indexes` config cannot name `latest` (it is not a field), so
 * this index is written by hand; the MongoDB leg does not get it.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX IF NOT EXISTS \`_items_v_latest_name_created_at_idx\` ON \`_items_v\` (\`latest\`, \`version_name\`, \`version_created_at\`, \`created_at\` DESC);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX IF EXISTS \`_items_v_latest_name_created_at_idx\`;`)
}
