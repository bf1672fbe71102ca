import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`soldOut_name_idx\`;`)
  await db.run(sql`CREATE INDEX \`_status_soldOut_name_createdAt_idx\` ON \`items\` (\`_status\`,\`sold_out\`,\`name\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_name_createdAt_idx\` ON \`items\` (\`_status\`,\`name\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_price_createdAt_idx\` ON \`items\` (\`_status\`,\`price\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_quantity_createdAt_idx\` ON \`items\` (\`_status\`,\`quantity\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_createdAt_idx\` ON \`items\` (\`_status\`,\`created_at\`);`)
  await db.run(sql`DROP INDEX \`version_soldOut_version_name_idx\`;`)
  await db.run(sql`CREATE INDEX \`version__status_version_soldOut_version_name_version_cre_idx\` ON \`_items_v\` (\`version__status\`,\`version_sold_out\`,\`version_name\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_name_version_createdAt_idx\` ON \`_items_v\` (\`version__status\`,\`version_name\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_price_version_createdAt_idx\` ON \`_items_v\` (\`version__status\`,\`version_price\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_quantity_version_createdAt_idx\` ON \`_items_v\` (\`version__status\`,\`version_quantity\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_createdAt_idx\` ON \`_items_v\` (\`version__status\`,\`version_created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`_status_soldOut_name_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_name_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_price_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_quantity_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_createdAt_idx\`;`)
  await db.run(sql`CREATE INDEX \`soldOut_name_idx\` ON \`items\` (\`sold_out\`,\`name\`);`)
  await db.run(sql`DROP INDEX \`version__status_version_soldOut_version_name_version_cre_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_name_version_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_price_version_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_quantity_version_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_createdAt_idx\`;`)
  await db.run(sql`CREATE INDEX \`version_soldOut_version_name_idx\` ON \`_items_v\` (\`version_sold_out\`,\`version_name\`);`)
}
