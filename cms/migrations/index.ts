import * as migration_20261128_022203_initial from './20261128_022203_initial';
import * as migration_20261128_024907_back_office from './20261128_024907_back_office';

export const migrations = [
  {
    up: migration_20261128_022203_initial.up,
    down: migration_20261128_022203_initial.down,
    name: '20261128_022203_initial',
  },
  {
    up: migration_20261128_024907_back_office.up,
    down: migration_20261128_024907_back_office.down,
    name: '20261128_024907_back_office'
  },
];
