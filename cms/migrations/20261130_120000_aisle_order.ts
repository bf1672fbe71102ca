import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { SQLITE_AISLE_ORDER, SQLITE_AISLE_ORDER_DOWN, SQLITE_AISLE_ORDER_FILL } from '../collections/Items/aisleOrder'

/**
 * Each aisle's items in the shop's orders (`items_aisle_order`), kept by triggers, then filled
 * with the items already in aisles: see cms/collections/Items/aisleOrder.ts. Hand-written:
 * Payload's schema cannot express triggers.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const statement of SQLITE_AISLE_ORDER) await db.run(sql.raw(statement))
  await db.run(sql.raw(SQLITE_AISLE_ORDER_FILL))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const statement of SQLITE_AISLE_ORDER_DOWN) await db.run(sql.raw(statement))
}
