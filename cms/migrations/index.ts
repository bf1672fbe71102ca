import * as migration_20261128_034914_initial from './20261128_034914_initial';

export const migrations = [
  {
    up: migration_20261128_034914_initial.up,
    down: migration_20261128_034914_initial.down,
    name: '20261128_034914_initial'
  },
];
