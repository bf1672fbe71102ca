import * as migration_20261128_022203_initial from './20261128_022203_initial';

export const migrations = [
  {
    up: migration_20261128_022203_initial.up,
    down: migration_20261128_022203_initial.down,
    name: '20261128_022203_initial'
  },
];
