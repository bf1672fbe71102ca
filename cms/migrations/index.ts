import * as migration_20261128_022203_initial from './20261128_022203_initial';
import * as migration_20261128_031812_storefront_search from './20261128_031812_storefront_search';

export const migrations = [
  {
    up: migration_20261128_022203_initial.up,
    down: migration_20261128_022203_initial.down,
    name: '20261128_022203_initial',
  },
  {
    up: migration_20261128_031812_storefront_search.up,
    down: migration_20261128_031812_storefront_search.down,
    name: '20261128_031812_storefront_search'
  },
];
