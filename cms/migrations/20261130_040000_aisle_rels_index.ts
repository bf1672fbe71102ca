import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

/**
 * An aisle page (`where[categories][in]=<id>` under `_status = 'published'`): Payload joins
 * `items_rels` (the hasMany relationship's table) on `parent_id` and `path LIKE 'categories'`.
 * SQLite walks the sort's own index over published items (no sort) and, for each item, looks
 * up its aisles: with this index the lookup is answered from the index alone, never reading the
 * rows of items_rels. Payload's `indexes` config cannot name the `_rels` table, so this index is
 * written by hand; MongoDB gets its own from the Items collection (see `indexes` there).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX IF NOT EXISTS \`items_rels_parent_path_categories_idx\` ON \`items_rels\` (\`parent_id\`, \`path\`, \`categories_id\`);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX IF EXISTS \`items_rels_parent_path_categories_idx\`;`)
}
