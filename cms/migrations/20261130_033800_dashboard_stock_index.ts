import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

/**
 * The dashboard (cms/dashboard/figures.ts) groups the published items by quantity and sums their
 * prices: `SELECT quantity, count(*), sum(price) FROM items WHERE _status = 'published' GROUP BY
 * quantity`. This index holds all three columns in that order, so SQLite answers from the index
 * alone, already grouped, without reading a single item row (a covering index scan). Written by
 * hand (its own file, no snapshot) because it serves a hand-written query; MongoDB groups with an
 * aggregate instead.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE INDEX IF NOT EXISTS \`items_status_quantity_price_idx\` ON \`items\` (\`_status\`, \`quantity\`, \`price\`);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX IF EXISTS \`items_status_quantity_price_idx\`;`)
}
