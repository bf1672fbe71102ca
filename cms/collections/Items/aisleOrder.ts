import type { Payload } from 'payload'

import { rebuildInDev } from '../../database/devPush'

/**
 * SQLite: each aisle's items in the shop's orders, as a table of its own (`items_aisle_order`:
 * one row per item and aisle, with what the shop filters and sorts on), kept in step with
 * `items` and its aisles (`items_rels`) by triggers, in the same transaction as every change, on
 * every replica.
 *
 * Why: an item's aisles live in `items_rels`, apart from the columns the shop sorts by, so no
 * index of either table can give an aisle's items in name or price order. SQLite read every item
 * of the aisle and sorted them for each page and each count (4 000 items, 5–7 ms a page at
 * 100 000 items, with the CMS backing up under load). Here an index per sort, led by the aisle,
 * gives any page of any aisle in order, its filters (published, in stock, a price range) checked
 * inside the index (hooks/aislePages.ts reads it). Payload's schema cannot express triggers, so
 * this is hand-written, like the search index (search/databaseIndex.ts); MongoDB keeps an item's
 * aisles in the item, and its aisle indexes are in the Items collection.
 */
export const SQLITE_AISLE_ORDER = [
  `CREATE TABLE IF NOT EXISTS items_aisle_order (
     aisle_id INTEGER NOT NULL,
     item_id INTEGER NOT NULL,
     _status TEXT,
     sold_out INTEGER,
     price NUMERIC,
     name TEXT,
     created_at TEXT,
     PRIMARY KEY (aisle_id, item_id)
   ) WITHOUT ROWID`,
  // The shop's sorts (each ends with createdAt, hooks/tieBreakSort.ts), then its filters.
  'CREATE INDEX IF NOT EXISTS items_aisle_order_available_idx ON items_aisle_order (aisle_id, _status, sold_out, name, created_at, price)',
  'CREATE INDEX IF NOT EXISTS items_aisle_order_name_idx ON items_aisle_order (aisle_id, _status, name, created_at, sold_out, price)',
  'CREATE INDEX IF NOT EXISTS items_aisle_order_price_idx ON items_aisle_order (aisle_id, _status, price, created_at, sold_out)',
  'CREATE INDEX IF NOT EXISTS items_aisle_order_created_at_idx ON items_aisle_order (aisle_id, _status, created_at, sold_out, price)',
  // For the triggers: an item's rows, whatever its aisles.
  'CREATE INDEX IF NOT EXISTS items_aisle_order_item_idx ON items_aisle_order (item_id)',
  `CREATE TRIGGER IF NOT EXISTS items_aisle_order_after_rel_insert AFTER INSERT ON items_rels
   WHEN new.path = 'categories' AND new.categories_id IS NOT NULL BEGIN
     INSERT OR IGNORE INTO items_aisle_order (aisle_id, item_id, _status, sold_out, price, name, created_at)
       SELECT new.categories_id, id, _status, sold_out, price, name, created_at FROM items WHERE id = new.parent_id;
   END`,
  // (An item put in the same aisle twice keeps its row until the last of the two goes.)
  `CREATE TRIGGER IF NOT EXISTS items_aisle_order_after_rel_delete AFTER DELETE ON items_rels
   WHEN old.path = 'categories' AND old.categories_id IS NOT NULL BEGIN
     DELETE FROM items_aisle_order WHERE aisle_id = old.categories_id AND item_id = old.parent_id
       AND NOT EXISTS (SELECT 1 FROM items_rels WHERE parent_id = old.parent_id AND path = 'categories' AND categories_id = old.categories_id);
   END`,
  `CREATE TRIGGER IF NOT EXISTS items_aisle_order_after_rel_update AFTER UPDATE ON items_rels BEGIN
     DELETE FROM items_aisle_order WHERE aisle_id = old.categories_id AND item_id = old.parent_id
       AND NOT EXISTS (SELECT 1 FROM items_rels WHERE parent_id = old.parent_id AND path = 'categories' AND categories_id = old.categories_id);
     INSERT OR IGNORE INTO items_aisle_order (aisle_id, item_id, _status, sold_out, price, name, created_at)
       SELECT new.categories_id, id, _status, sold_out, price, name, created_at FROM items
       WHERE id = new.parent_id AND new.path = 'categories' AND new.categories_id IS NOT NULL;
   END`,
  `CREATE TRIGGER IF NOT EXISTS items_aisle_order_after_item_update AFTER UPDATE OF _status, sold_out, price, name, created_at ON items BEGIN
     UPDATE items_aisle_order SET _status = new._status, sold_out = new.sold_out, price = new.price, name = new.name, created_at = new.created_at
       WHERE item_id = new.id;
   END`,
  `CREATE TRIGGER IF NOT EXISTS items_aisle_order_after_item_delete AFTER DELETE ON items BEGIN
     DELETE FROM items_aisle_order WHERE item_id = old.id;
   END`,
  `CREATE TRIGGER IF NOT EXISTS items_aisle_order_after_aisle_delete AFTER DELETE ON categories BEGIN
     DELETE FROM items_aisle_order WHERE aisle_id = old.id;
   END`,
]

/** The rows of the items already in aisles (a new table, or one dev mode's push dropped). */
export const SQLITE_AISLE_ORDER_FILL = `INSERT OR IGNORE INTO items_aisle_order (aisle_id, item_id, _status, sold_out, price, name, created_at)
  SELECT r.categories_id, i.id, i._status, i.sold_out, i.price, i.name, i.created_at
  FROM items_rels r JOIN items i ON i.id = r.parent_id
  WHERE r.path = 'categories' AND r.categories_id IS NOT NULL`

export const SQLITE_AISLE_ORDER_DOWN = [
  'DROP TRIGGER IF EXISTS items_aisle_order_after_rel_insert',
  'DROP TRIGGER IF EXISTS items_aisle_order_after_rel_delete',
  'DROP TRIGGER IF EXISTS items_aisle_order_after_rel_update',
  'DROP TRIGGER IF EXISTS items_aisle_order_after_item_update',
  'DROP TRIGGER IF EXISTS items_aisle_order_after_item_delete',
  'DROP TRIGGER IF EXISTS items_aisle_order_after_aisle_delete',
  'DROP TABLE IF EXISTS items_aisle_order',
]

/** At start in dev mode: the table and its triggers, filled (cms/database/devPush.ts). Elsewhere the migration 20261130_120000_aisle_order made them. */
export const ensureAisleOrderInDev = (payload: Payload): Promise<void> =>
  rebuildInDev(payload, [...SQLITE_AISLE_ORDER, SQLITE_AISLE_ORDER_FILL])
