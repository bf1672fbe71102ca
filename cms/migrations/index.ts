import * as migration_20261128_051809_initial from './20261128_051809_initial';

export const migrations = [
  {
    up: migration_20261128_051809_initial.up,
    down: migration_20261128_051809_initial.down,
    name: '20261128_051809_initial'
  },
];
