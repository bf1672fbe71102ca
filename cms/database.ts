import type { DatabaseAdapterObj, Payload } from 'payload'

import type { Logger } from '../shared/logger.ts'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { accessSync, constants, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { migrations } from './migrations'

/**
 * Picks the database from DATABASE_URI: mongodb:// or mongodb+srv:// → MongoDB (production),
 * file:… or unset → an SQLite file under data/ (the embedded default). What differs between the
 * two (health checks, closing) is handled here, so the rest of the code need not ask.
 */
export function databaseAdapter(uri: string | undefined, { logger }: { logger?: Logger } = {}): DatabaseAdapterObj {
  if (isMongoUri(uri)) {
    return mongooseAdapter({
      url: uri,
      // Build the unique indexes (item slugs, usernames) before the first request, not in the
      // background after it, so a duplicate can never slip in just after a start.
      ensureIndexes: true,
      afterOpenConnection: async (adapter) => {
        // Payload only uses transactions on a replica set (Atlas is one; docker-compose runs one).
        if (!adapter.connection.getClient().options.replicaSet) {
          adapter.payload.logger.warn('MongoDB is not a replica set: Payload runs without transactions, so a failed multi-step change can be left half done.')
        }
      },
    })
  }
  const url = uri || defaultSqliteUrl()
  ensureFolderFor(url)
  return withBusyTimeoutOnEveryConnection(
    sqliteAdapter({
      client: { url },
      // Concurrent writers wait up to 5 s for the lock instead of failing with SQLITE_BUSY.
      busyTimeout: BUSY_TIMEOUT_MS,
      // Write-ahead log with synchronous=FULL (the adapter's default): a write is on disk when it
      // is acknowledged, and readers never block the writer.
      wal: true,
      // LOG_LEVEL=trace logs every SQL statement Payload runs (the text, never the values, which
      // can hold password hashes); tests/int/query-plans.int.spec.ts reads them to EXPLAIN them.
      // Decided once at start: at other levels drizzle gets no logger and pays nothing.
      logger: logger?.isLevelEnabled('trace') ? { logQuery: (sql: string) => logger.trace({ sql }, 'sql') } : false,
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

const isMongoUri = (uri: string | undefined): uri is string => Boolean(uri && /^mongodb(\+srv)?:\/\//.test(uri))

/**
 * Dev mode pushes schema changes straight into its database, which a production server then
 * refuses to migrate; so the two builds keep separate files.
 */
function defaultSqliteUrl(): string {
  return process.env.NODE_ENV === 'production' ? 'file:./data/minimart.db' : 'file:./data/dev.db'
}

/** The file behind a file: URL, resolved against the working directory as libsql does. */
export function sqliteFile(url: string): string | undefined {
  const file = url.replace(/^file:(\/\/)?/, '').split('?')[0]
  return file && file !== ':memory:' ? path.resolve(file) : undefined
}

function ensureFolderFor(url: string): void {
  const file = sqliteFile(url)
  if (file) mkdirSync(path.dirname(file), { recursive: true })
}

type SqliteAdapter = { name: 'sqlite'; client?: { execute: (sql: string) => Promise<unknown>; close: () => void }; clientConfig: { url: string } }
type MongooseAdapter = { name: 'mongoose'; connection?: { db?: { admin: () => { ping: () => Promise<unknown> } } } }

/** Whether the database answers now; the reason (for the log, not for the visitor) when not. */
export async function checkDatabase(payload: Payload, timeoutMs = 2000): Promise<{ ok: true } | { ok: false; problem: string }> {
  try {
    await withTimeout(probe(payload), timeoutMs)
    return { ok: true }
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) }
  }
}

async function probe(payload: Payload): Promise<void> {
  const db = payload.db as unknown as MongooseAdapter | SqliteAdapter
  if (db.name === 'mongoose') {
    if (!db.connection?.db) throw new Error('not connected to MongoDB')
    await db.connection.db.admin().ping()
    return
  }
  // The open connection keeps working on a file that was deleted or made unreadable, and would
  // write into the void; so the file itself is checked as a restart would find it.
  const file = sqliteFile(db.clientConfig.url)
  if (file) {
    const stat = statSync(file)
    if (!stat.isFile()) throw new Error(`${file} is not a file`)
    accessSync(file, constants.R_OK | constants.W_OK)
    // root passes access() whatever the mode says; an owner without read/write is still refused.
    if (stat.uid === process.getuid?.() && (stat.mode & 0o600) !== 0o600) {
      throw new Error(`${file} is not readable and writable by its owner`)
    }
  }
  if (!db.client) throw new Error('SQLite is not connected')
  await db.client.execute('SELECT count(*) FROM sqlite_master')
}

/**
 * Closes the connection for a clean stop. Payload's destroy() disconnects MongoDB but leaves the
 * SQLite file open; here the write-ahead log is first folded into the database file, so a stopped
 * shop's data is all in one file.
 */
export async function closeDatabase(payload: Payload): Promise<void> {
  const db = payload.db as unknown as MongooseAdapter | SqliteAdapter
  const sqliteClient = db.name === 'sqlite' ? db.client : undefined
  await sqliteClient?.execute('PRAGMA wal_checkpoint(TRUNCATE)')
  await payload.destroy()
  sqliteClient?.close()
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
