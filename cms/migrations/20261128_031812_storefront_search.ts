import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`items\` ADD \`sold_out\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`items\` ADD \`search_text\` text;`)
  await db.run(sql`CREATE INDEX \`items_name_idx\` ON \`items\` (\`name\`);`)
  await db.run(sql`CREATE INDEX \`items_price_idx\` ON \`items\` (\`price\`);`)
  await db.run(sql`CREATE INDEX \`soldOut_name_idx\` ON \`items\` (\`sold_out\`,\`name\`);`)
  await db.run(sql`ALTER TABLE \`_items_v\` ADD \`version_sold_out\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`_items_v\` ADD \`version_search_text\` text;`)
  await db.run(sql`CREATE INDEX \`_items_v_version_version_name_idx\` ON \`_items_v\` (\`version_name\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_version_version_price_idx\` ON \`_items_v\` (\`version_price\`);`)
  await db.run(sql`CREATE INDEX \`version_soldOut_version_name_idx\` ON \`_items_v\` (\`version_sold_out\`,\`version_name\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`items_name_idx\`;`)
  await db.run(sql`DROP INDEX \`items_price_idx\`;`)
  await db.run(sql`DROP INDEX \`soldOut_name_idx\`;`)
  await db.run(sql`ALTER TABLE \`items\` DROP COLUMN \`sold_out\`;`)
  await db.run(sql`ALTER TABLE \`items\` DROP COLUMN \`search_text\`;`)
  await db.run(sql`DROP INDEX \`_items_v_version_version_name_idx\`;`)
  await db.run(sql`DROP INDEX \`_items_v_version_version_price_idx\`;`)
  await db.run(sql`DROP INDEX \`version_soldOut_version_name_idx\`;`)
  await db.run(sql`ALTER TABLE \`_items_v\` DROP COLUMN \`version_sold_out\`;`)
  await db.run(sql`ALTER TABLE \`_items_v\` DROP COLUMN \`version_search_text\`;`)
}
