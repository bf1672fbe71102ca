import * as migration_20261128_051809_initial from './20261128_051809_initial';
import * as migration_20261130_005643_shop_indexes from './20261130_005643_shop_indexes';
import * as migration_20261130_010038_drop_account_lock from './20261130_010038_drop_account_lock';
import * as migration_20261130_010341_item_summary from './20261130_010341_item_summary';
import * as migration_20261130_015500_admin_items_list_index from './20261130_015500_admin_items_list_index';
import * as migration_20261130_033002_attempt_counters from './20261130_033002_attempt_counters';
import * as migration_20261130_033800_dashboard_stock_index from './20261130_033800_dashboard_stock_index';
import * as migration_20261130_040500_admin_items_sort_indexes from './20261130_040500_admin_items_sort_indexes';
import * as migration_20261130_041844_aisles from './20261130_041844_aisles';
import * as migration_20261130_041900_aisle_rels_index from './20261130_041900_aisle_rels_index';
import * as migration_20261130_043825_item_search_terms from './20261130_043825_item_search_terms';
import * as migration_20261130_043900_item_search from './20261130_043900_item_search';
import * as migration_20261130_045021_item_seo from './20261130_045021_item_seo';
import * as migration_20261130_050705_media_storage_fields from './20261130_050705_media_storage_fields';
import * as migration_20261130_092809_filter_covering_indexes from './20261130_092809_filter_covering_indexes';
import * as migration_20261130_095000_aisle_item_lookup_index from './20261130_095000_aisle_item_lookup_index';
import * as migration_20261130_120000_aisle_order from './20261130_120000_aisle_order';
import * as migration_20261130_160000_admin_item_search from './20261130_160000_admin_item_search';

export const migrations = [
  {
    up: migration_20261128_051809_initial.up,
    down: migration_20261128_051809_initial.down,
    name: '20261128_051809_initial',
  },
  {
    up: migration_20261130_005643_shop_indexes.up,
    down: migration_20261130_005643_shop_indexes.down,
    name: '20261130_005643_shop_indexes',
  },
  {
    up: migration_20261130_010038_drop_account_lock.up,
    down: migration_20261130_010038_drop_account_lock.down,
    name: '20261130_010038_drop_account_lock',
  },
  {
    up: migration_20261130_010341_item_summary.up,
    down: migration_20261130_010341_item_summary.down,
    name: '20261130_010341_item_summary',
  },
  {
    up: migration_20261130_015500_admin_items_list_index.up,
    down: migration_20261130_015500_admin_items_list_index.down,
    name: '20261130_015500_admin_items_list_index',
  },
  {
    up: migration_20261130_033002_attempt_counters.up,
    down: migration_20261130_033002_attempt_counters.down,
    name: '20261130_033002_attempt_counters',
  },
  {
    up: migration_20261130_033800_dashboard_stock_index.up,
    down: migration_20261130_033800_dashboard_stock_index.down,
    name: '20261130_033800_dashboard_stock_index',
  },
  {
    up: migration_20261130_040500_admin_items_sort_indexes.up,
    down: migration_20261130_040500_admin_items_sort_indexes.down,
    name: '20261130_040500_admin_items_sort_indexes',
  },
  {
    up: migration_20261130_041844_aisles.up,
    down: migration_20261130_041844_aisles.down,
    name: '20261130_041844_aisles',
  },
  {
    up: migration_20261130_041900_aisle_rels_index.up,
    down: migration_20261130_041900_aisle_rels_index.down,
    name: '20261130_041900_aisle_rels_index',
  },
  {
    up: migration_20261130_043825_item_search_terms.up,
    down: migration_20261130_043825_item_search_terms.down,
    name: '20261130_043825_item_search_terms',
  },
  {
    up: migration_20261130_043900_item_search.up,
    down: migration_20261130_043900_item_search.down,
    name: '20261130_043900_item_search',
  },
  {
    up: migration_20261130_045021_item_seo.up,
    down: migration_20261130_045021_item_seo.down,
    name: '20261130_045021_item_seo',
  },
  {
    up: migration_20261130_050705_media_storage_fields.up,
    down: migration_20261130_050705_media_storage_fields.down,
    name: '20261130_050705_media_storage_fields',
  },
  {
    up: migration_20261130_092809_filter_covering_indexes.up,
    down: migration_20261130_092809_filter_covering_indexes.down,
    name: '20261130_092809_filter_covering_indexes',
  },
  {
    up: migration_20261130_095000_aisle_item_lookup_index.up,
    down: migration_20261130_095000_aisle_item_lookup_index.down,
    name: '20261130_095000_aisle_item_lookup_index',
  },
  {
    up: migration_20261130_120000_aisle_order.up,
    down: migration_20261130_120000_aisle_order.down,
    name: '20261130_120000_aisle_order',
  },
  {
    up: migration_20261130_160000_admin_item_search.up,
    down: migration_20261130_160000_admin_item_search.down,
    name: '20261130_160000_admin_item_search',
  },
];
