import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`items\` ADD \`in_stock\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`items\` ADD \`search_text\` text;`)
  await db.run(sql`CREATE INDEX \`items_in_stock_idx\` ON \`items\` (\`in_stock\`);`)
  await db.run(sql`ALTER TABLE \`_items_v\` ADD \`version_in_stock\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`_items_v\` ADD \`version_search_text\` text;`)
  await db.run(sql`CREATE INDEX \`_items_v_version_version_in_stock_idx\` ON \`_items_v\` (\`version_in_stock\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`items_in_stock_idx\`;`)
  await db.run(sql`ALTER TABLE \`items\` DROP COLUMN \`in_stock\`;`)
  await db.run(sql`ALTER TABLE \`items\` DROP COLUMN \`search_text\`;`)
  await db.run(sql`DROP INDEX \`_items_v_version_version_in_stock_idx\`;`)
  await db.run(sql`ALTER TABLE \`_items_v\` DROP COLUMN \`version_in_stock\`;`)
  await db.run(sql`ALTER TABLE \`_items_v\` DROP COLUMN \`version_search_text\`;`)
}
