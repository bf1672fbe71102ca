import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`items\` ADD \`meta_title\` text;`)
  await db.run(sql`ALTER TABLE \`items\` ADD \`meta_description\` text;`)
  await db.run(sql`ALTER TABLE \`items\` ADD \`meta_image_id\` integer REFERENCES media(id);`)
  await db.run(sql`CREATE INDEX \`items_meta_meta_image_idx\` ON \`items\` (\`meta_image_id\`);`)
  await db.run(sql`ALTER TABLE \`_items_v\` ADD \`version_meta_title\` text;`)
  await db.run(sql`ALTER TABLE \`_items_v\` ADD \`version_meta_description\` text;`)
  await db.run(sql`ALTER TABLE \`_items_v\` ADD \`version_meta_image_id\` integer REFERENCES media(id);`)
  await db.run(sql`CREATE INDEX \`_items_v_version_meta_version_meta_image_idx\` ON \`_items_v\` (\`version_meta_image_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_items\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`generate_slug\` integer DEFAULT true,
  	\`slug\` text,
  	\`sku\` text,
  	\`image_id\` integer,
  	\`description\` text,
  	\`price\` numeric,
  	\`quantity\` numeric DEFAULT 0,
  	\`sold_out\` integer DEFAULT false,
  	\`summary\` text,
  	\`search_text\` text,
  	\`search_terms\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_items\`("id", "name", "generate_slug", "slug", "sku", "image_id", "description", "price", "quantity", "sold_out", "summary", "search_text", "search_terms", "updated_at", "created_at", "_status") SELECT "id", "name", "generate_slug", "slug", "sku", "image_id", "description", "price", "quantity", "sold_out", "summary", "search_text", "search_terms", "updated_at", "created_at", "_status" FROM \`items\`;`)
  await db.run(sql`DROP TABLE \`items\`;`)
  await db.run(sql`ALTER TABLE \`__new_items\` RENAME TO \`items\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`items_name_idx\` ON \`items\` (\`name\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`items_slug_idx\` ON \`items\` (\`slug\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`items_sku_idx\` ON \`items\` (\`sku\`);`)
  await db.run(sql`CREATE INDEX \`items_image_idx\` ON \`items\` (\`image_id\`);`)
  await db.run(sql`CREATE INDEX \`items_price_idx\` ON \`items\` (\`price\`);`)
  await db.run(sql`CREATE INDEX \`items_updated_at_idx\` ON \`items\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`items_created_at_idx\` ON \`items\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`items__status_idx\` ON \`items\` (\`_status\`);`)
  await db.run(sql`CREATE INDEX \`_status_soldOut_name_createdAt_idx\` ON \`items\` (\`_status\`,\`sold_out\`,\`name\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_name_createdAt_idx\` ON \`items\` (\`_status\`,\`name\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_price_createdAt_idx\` ON \`items\` (\`_status\`,\`price\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_quantity_createdAt_idx\` ON \`items\` (\`_status\`,\`quantity\`,\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_status_createdAt_idx\` ON \`items\` (\`_status\`,\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`__new__items_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_name\` text,
  	\`version_generate_slug\` integer DEFAULT true,
  	\`version_slug\` text,
  	\`version_sku\` text,
  	\`version_image_id\` integer,
  	\`version_description\` text,
  	\`version_price\` numeric,
  	\`version_quantity\` numeric DEFAULT 0,
  	\`version_sold_out\` integer DEFAULT false,
  	\`version_summary\` text,
  	\`version_search_text\` text,
  	\`version_search_terms\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`items\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__items_v\`("id", "parent_id", "version_name", "version_generate_slug", "version_slug", "version_sku", "version_image_id", "version_description", "version_price", "version_quantity", "version_sold_out", "version_summary", "version_search_text", "version_search_terms", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_name", "version_generate_slug", "version_slug", "version_sku", "version_image_id", "version_description", "version_price", "version_quantity", "version_sold_out", "version_summary", "version_search_text", "version_search_terms", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_items_v\`;`)
  await db.run(sql`DROP TABLE \`_items_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__items_v\` RENAME TO \`_items_v\`;`)
  await db.run(sql`CREATE INDEX \`_items_v_parent_idx\` ON \`_items_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_version_version_name_idx\` ON \`_items_v\` (\`version_name\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_version_version_slug_idx\` ON \`_items_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_version_version_sku_idx\` ON \`_items_v\` (\`version_sku\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_version_version_image_idx\` ON \`_items_v\` (\`version_image_id\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_version_version_price_idx\` ON \`_items_v\` (\`version_price\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_version_version_updated_at_idx\` ON \`_items_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_version_version_created_at_idx\` ON \`_items_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_version_version__status_idx\` ON \`_items_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_created_at_idx\` ON \`_items_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_updated_at_idx\` ON \`_items_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_items_v_latest_idx\` ON \`_items_v\` (\`latest\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_soldOut_version_name_version_cre_idx\` ON \`_items_v\` (\`version__status\`,\`version_sold_out\`,\`version_name\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_name_version_createdAt_idx\` ON \`_items_v\` (\`version__status\`,\`version_name\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_price_version_createdAt_idx\` ON \`_items_v\` (\`version__status\`,\`version_price\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_quantity_version_createdAt_idx\` ON \`_items_v\` (\`version__status\`,\`version_quantity\`,\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`version__status_version_createdAt_idx\` ON \`_items_v\` (\`version__status\`,\`version_created_at\`);`)
}
