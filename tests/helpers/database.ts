/**
 * The database a Vitest project runs its CMS on: a fresh SQLite file, or a fresh database on the
 * MongoDB server that tests/helpers/mongodb-setup.ts found (the "mongodb" project only).
 */
import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'

import { temporarySqliteUri } from './servers'

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string
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
