import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

/**
 * An item's aisles live in `items_rels` (the hasMany relationship's table; `_items_v_rels` for
 * versions), read two ways, both from this one index per table and never from its rows:
 * - an aisle page (`where[categories][in]=<id>` under `_status = 'published'`): Payload joins
 *   `items_rels` on `parent_id` and `path LIKE 'categories'`; SQLite walks the sort's own index
 *   over published items (no sort) and looks up each item's aisles here;
 * - every read of an item (or version) fetches its rows `WHERE parent_id = ? ORDER BY "order"`:
 *   with Payload's indexes alone that was sorted in a temporary B-tree, item by item.
 * Payload's `indexes` config cannot name the `_rels` tables, so these are written by hand;
 * MongoDB keeps the aisles in the item and gets its own indexes (the Items collection).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX IF NOT EXISTS \`items_rels_parent_order_path_categories_idx\` ON \`items_rels\` (\`parent_id\`, \`order\`, \`path\`, \`categories_id\`);`)
  await db.run(sql`CREATE INDEX IF NOT EXISTS \`_items_v_rels_parent_order_path_categories_idx\` ON \`_items_v_rels\` (\`parent_id\`, \`order\`, \`path\`, \`categories_id\`);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX IF EXISTS \`items_rels_parent_order_path_categories_idx\`;`)
  await db.run(sql`DROP INDEX IF EXISTS \`_items_v_rels_parent_order_path_categories_idx\`;`)
}
