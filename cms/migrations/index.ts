import * as migration_20261128_051809_initial from './20261128_051809_initial';
import * as migration_20261130_005643_shop_indexes from './20261130_005643_shop_indexes';
import * as migration_20261130_010038_drop_account_lock from './20261130_010038_drop_account_lock';
import * as migration_20261130_010341_item_summary from './20261130_010341_item_summary';
import * as migration_20261130_015500_admin_items_list_index from './20261130_015500_admin_items_list_index';
import * as migration_20261130_033002_attempt_counters from './20261130_033002_attempt_counters';
import * as migration_20261130_040500_admin_items_sort_indexes from './20261130_040500_admin_items_sort_indexes';
import * as migration_20261130_041651_media_storage_fields from './20261130_041651_media_storage_fields';

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
    up: migration_20261130_040500_admin_items_sort_indexes.up,
    down: migration_20261130_040500_admin_items_sort_indexes.down,
    name: '20261130_040500_admin_items_sort_indexes',
  },
  {
    up: migration_20261130_041651_media_storage_fields.up,
    down: migration_20261130_041651_media_storage_fields.down,
    name: '20261130_041651_media_storage_fields'
  },
];
