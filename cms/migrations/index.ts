import * as migration_20261128_051809_initial from './20261128_051809_initial';
import * as migration_20261130_010038_drop_account_lock from './20261130_010038_drop_account_lock';

export const migrations = [
  {
    up: migration_20261128_051809_initial.up,
    down: migration_20261128_051809_initial.down,
    name: '20261128_051809_initial',
  },
  {
    up: migration_20261130_010038_drop_account_lock.up,
    down: migration_20261130_010038_drop_account_lock.down,
    name: '20261130_010038_drop_account_lock'
  },
];
