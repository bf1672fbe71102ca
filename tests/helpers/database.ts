/**
 * The database a Vitest project runs its CMS on: a fresh SQLite file, or a fresh database on the
 * MongoDB server that tests/helpers/mongodb-setup.ts found (the "mongodb" project only).
 */
import { randomBytes } from 'node:crypto'
import { inject, it } from 'vitest'

import type { MongoServerKind } from './mongodb'

import { temporarySqliteUri } from './servers'

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string
    /** Set by vitest.config.ts on the "mongodb" project only. */
    mongoServerKind: MongoServerKind
  }
}

export const databaseKind = (): 'mongodb' | 'sqlite' => (inject('mongoUri') ? 'mongodb' : 'sqlite')

export function freshDatabaseUri(): string {
  const mongoUri = inject('mongoUri')
  if (!mongoUri) return temporarySqliteUri()
  const url = new URL(mongoUri)
  url.pathname = `/minimart_test_${randomBytes(6).toString('hex')}`
  return url.toString()
}

/** Whether this project's MongoDB is FerretDB (a wire-compatible server, not mongod). */
export const onFerretDB = (): boolean => inject('mongoServerKind') === 'ferretdb'

/**
 * What FerretDB 1.24 (SQLite backend) lacks that Payload's MongoDB adapter or Minimart uses, as
 * measured on the integration suite. Each test or check that needs one of these says so with
 * knownDifference or ferretDbLacks; nothing else is skipped on FerretDB.
 */
export const FERRETDB_LACKS = {
  transactions: 'has no transactions (it is not a replica set), which all-or-nothing imports need',
  findAndModifyFields:
    'cannot return chosen fields from findAndModify ("fields" is not implemented), which Payload uses to count a wrong password: 500 instead of 401, and no lockout',
  duplicateKeyDetails:
    'reports a duplicate key (E11000) without keyValue or the index name, so Payload cannot say which field must be unique',
  duplicateKeyOnUpdate: 'reports a unique-index clash in an update as an internal error (500), not as duplicate key 11000',
  atomicUpdates:
    'loses concurrent updates of one document (50 concurrent $inc from two clients added 4: a read, then a write, unlocked), where MongoDB makes each single-document update atomic, which the shared login counters rely on',
} as const

function sayKnownDifference(what: string, lacks: string): void {
  console.log(`[minimart] known difference on FerretDB, not checked: ${what}: FerretDB ${lacks}`)
}

/**
 * A test that FerretDB cannot pass because it lacks something MongoDB has (one of FERRETDB_LACKS).
 * On FerretDB it is skipped, never silently: the reason is printed and is part of the test's name
 * in the report. Everywhere else it is a plain `it`.
 */
export function knownDifference(lacks: string): typeof it {
  if (!onFerretDB()) return it
  return skipSaying((name) => sayKnownDifference(`"${name}"`, lacks), `known difference: FerretDB ${lacks}`)
}

/**
 * A test that an open product bug makes fail on every MongoDB server, mongod included (so not a
 * FerretDB difference): skipped on the MongoDB leg with the bug printed, until it is fixed.
 */
export function knownMongoBug(bug: string): typeof it {
  if (databaseKind() !== 'mongodb') return it
  return skipSaying(
    (name) => console.log(`[minimart] known bug on MongoDB, not checked: "${name}": ${bug}`),
    `known bug on MongoDB: ${bug}`,
  )
}

function skipSaying(say: (name: string) => void, label: string): typeof it {
  const skipped = (name: string, ...rest: unknown[]) => {
    say(name)
    return (it.skip as (...args: unknown[]) => void)(`${name} [${label}]`, ...rest)
  }
  return skipped as unknown as typeof it
}

/**
 * For one check inside a test: true on FerretDB when it lacks what the check needs (and prints
 * so), false elsewhere. `if (!ferretDbLacks(…)) expect(…)`: the rest of the test still runs.
 */
export function ferretDbLacks(lacks: string, check: string): boolean {
  if (!onFerretDB()) return false
  sayKnownDifference(check, lacks)
  return true
}
