import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`items\` ADD \`search_terms\` text;`)
  await db.run(sql`ALTER TABLE \`_items_v\` ADD \`version_search_terms\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`items\` DROP COLUMN \`search_terms\`;`)
  await db.run(sql`ALTER TABLE \`_items_v\` DROP COLUMN \`version_search_terms\`;`)
}
