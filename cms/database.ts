import type { DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { migrations } from './migrations'

/**
 * Picks the database from DATABASE_URI: mongodb:// or mongodb+srv:// → MongoDB (production),
 * file:… or unset → an SQLite file under data/ (the embedded default).
 */
export function databaseAdapter(uri: string | undefined): DatabaseAdapterObj {
  if (uri && /^mongodb(\+srv)?:\/\//.test(uri)) {
    return mongooseAdapter({ url: uri })
  }
  const url = uri || defaultSqliteUrl()
  ensureFolderFor(url)
  return sqliteAdapter({
    client: { url },
    // Concurrent writers wait up to 5 s for the lock instead of failing with SQLITE_BUSY.
    busyTimeout: 5000,
    wal: true,
    migrationDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
    // `next start` never pushes the schema; a fresh database gets it from the committed migrations.
    prodMigrations: migrations,
  })
}

/**
 * Dev mode pushes schema changes straight into its database, which a production server then
 * refuses to migrate; so the two builds keep separate files.
 */
function defaultSqliteUrl(): string {
  return process.env.NODE_ENV === 'production' ? 'file:./data/minimart.db' : 'file:./data/dev.db'
}

function ensureFolderFor(url: string): void {
  const file = url.replace(/^file:(\/\/)?/, '').split('?')[0]
  if (file && file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
}
