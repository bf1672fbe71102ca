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
  return withBusyTimeoutOnEveryConnection(
    sqliteAdapter({
      client: { url },
      // Concurrent writers wait up to 5 s for the lock instead of failing with SQLITE_BUSY.
      busyTimeout: BUSY_TIMEOUT_MS,
      wal: true,
      // Transactions (off by default for SQLite): a change and its audit entry commit together or
      // not at all. libsql begins them IMMEDIATE, taking the write lock up front.
      transactionOptions: { behavior: 'immediate' },
      migrationDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
      // `next start` never pushes the schema; a fresh database gets it from the committed migrations.
      prodMigrations: migrations,
    }),
  )
}

const BUSY_TIMEOUT_MS = 5000

type LibsqlClient = { execute: (sql: string) => Promise<unknown>; transaction: (mode?: string) => Promise<unknown> }

/**
 * libsql gives each transaction the client's current connection and opens a fresh one for
 * everything else, and that fresh connection has no busy timeout: under concurrent writes it
 * would fail at once with "database is locked". So right after a transaction takes a connection,
 * set the timeout on its replacement. (Synchronously: nothing else can use the new connection in
 * between.)
 */
function withBusyTimeoutOnEveryConnection(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args)
      const connect = db.connect!
      db.connect = async function (this: typeof db, options) {
        await connect.call(this, options)
        const client = (this as unknown as { client: LibsqlClient }).client
        const transaction = client.transaction.bind(client)
        client.transaction = (mode) => {
          const started = transaction(mode)
          void client.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`)
          return started
        }
        await client.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`)
      }
      return db
    },
  }
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
