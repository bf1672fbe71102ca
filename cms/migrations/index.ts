import * as migration_20261128_015534_initial from './20261128_015534_initial';

export const migrations = [
  {
    up: migration_20261128_015534_initial.up,
    down: migration_20261128_015534_initial.down,
    name: '20261128_015534_initial'
  },
];
