import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`_status_soldOut_name_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_name_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_price_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_createdAt_idx\`;`)
  await db.run(sql`CREATE INDEX \`_status_soldOut_name_createdAt_price_idx\` ON \`items\` (\`_status\`,\`sold_out\`,\`name\`,\`created_at\`,\`price\`);`)
  await db.run(sql`CREATE INDEX \`_status_name_createdAt_soldOut_price_idx\` ON \`items\` (\`_status\`,\`name\`,\`created_at\`,\`sold_out\`,\`price\`);`)
  await db.run(sql`CREATE INDEX \`_status_price_createdAt_soldOut_idx\` ON \`items\` (\`_status\`,\`price\`,\`created_at\`,\`sold_out\`);`)
  await db.run(sql`CREATE INDEX \`_status_createdAt_soldOut_price_idx\` ON \`items\` (\`_status\`,\`created_at\`,\`sold_out\`,\`price\`);`)
  await db.run(sql`DROP INDEX \`version__status_version_soldOut_version_name_version_cre_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_name_version_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_price_version_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_createdAt_idx\`;`)
  await db.run(sql`CREATE INDEX \`compound_index_idx\` ON \`_items_v\` (\`version__status\`,\`version_sold_out\`,\`version_name\`,\`version_created_at\`,\`version_price\`);`)
  await db.run(sql`CREATE INDEX \`compound_index_1_idx\` ON \`_items_v\` (\`version__status\`,\`version_name\`,\`version_created_at\`,\`version_sold_out\`,\`version_price\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_price_version_createdAt_version__idx\` ON \`_items_v\` (\`version__status\`,\`version_price\`,\`version_created_at\`,\`version_sold_out\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_createdAt_version_soldOut_versio_idx\` ON \`_items_v\` (\`version__status\`,\`version_created_at\`,\`version_sold_out\`,\`version_price\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`_status_soldOut_name_createdAt_price_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_name_createdAt_soldOut_price_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_price_createdAt_soldOut_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_createdAt_soldOut_price_idx\`;`)
  await db.run(sql`CREATE INDEX \`_status_soldOut_name_createdAt_idx\` ON \`items\` (\`_status\`,\`sold_out\`,\`name\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_name_createdAt_idx\` ON \`items\` (\`_status\`,\`name\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_price_createdAt_idx\` ON \`items\` (\`_status\`,\`price\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_createdAt_idx\` ON \`items\` (\`_status\`,\`created_at\`);`)
  await db.run(sql`DROP INDEX \`compound_index_idx\`;`)
  await db.run(sql`DROP INDEX \`compound_index_1_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_price_version_createdAt_version__idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_createdAt_version_soldOut_versio_idx\`;`)
  await db.run(sql`CREATE INDEX \`version__status_version_soldOut_version_name_version_cre_idx\` ON \`_items_v\` (\`version__status\`,\`version_sold_out\`,\`version_name\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_name_version_createdAt_idx\` ON \`_items_v\` (\`version__status\`,\`version_name\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_price_version_createdAt_idx\` ON \`_items_v\` (\`version__status\`,\`version_price\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_createdAt_idx\` ON \`_items_v\` (\`version__status\`,\`version_created_at\`);`)
}
