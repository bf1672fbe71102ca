import { randomUUID } from 'node:crypto'
import { accessSync, constants, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createClient } from '@libsql/client'
import type { MongooseAdapter as PayloadMongooseAdapter } from '@payloadcms/db-mongodb'
import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import mongoose from 'mongoose'
import type { BaseDatabaseAdapter, DatabaseAdapterObj, Payload } from 'payload'
import { APIError, defaultBeginTransaction } from 'payload'
import type { Logger } from '../../shared/logger.ts'

import { migrations } from '../migrations'
import { pushesSchema } from './devPush'
import { emptyUniqueAsAbsent } from './emptyUniqueAsAbsent'
import { withJobsClaimedOnce } from './jobClaims'
import { keepPreparedStatements } from './statementCache'
import { DEV_SQLITE_URL, isMongoUri, SQLITE_URL, sqliteFile } from './urls'

let mongoosePluginAdded = false

/**
 * Picks the database from DATABASE_URI: mongodb:// or mongodb+srv:// → MongoDB (production),
 * file:… or unset → an SQLite file under data/ (the embedded default). What differs between the
 * two (health checks, closing) is handled here, so the rest of the code need not ask.
 */
export function databaseAdapter(
  uri: string | undefined,
  {
    logger,
    beforeDevPush = [],
  }: {
    logger?: Logger
    /**
     * SQLite in dev mode: statements that drop what Payload's schema cannot express (an FTS5
     * table, tables kept by triggers), run before dev mode's schema push; onInit rebuilds them.
     */
    beforeDevPush?: string[]
  } = {},
): DatabaseAdapterObj {
  if (isMongoUri(uri)) {
    // Before the adapter compiles its models (global plugins apply to models compiled later).
    if (!mongoosePluginAdded) mongoose.plugin(emptyUniqueAsAbsent)
    mongoosePluginAdded = true
    return withPagesWithoutCount(
      withJobsClaimedOnce(
        mongooseAdapter({
          url: uri,
          // Build the unique indexes (item slugs, usernames) before the first request, not in the
          // background after it, so a duplicate can never slip in just after a start.
          ensureIndexes: true,
          afterOpenConnection: decideTransactions,
        }),
      ),
    )
  }
  // Dev mode pushes schema changes straight into its database, which a production server then
  // refuses to migrate; so the two builds keep separate files.
  const url = uri || (process.env.NODE_ENV === 'production' ? SQLITE_URL : DEV_SQLITE_URL)
  ensureFolderFor(url)
  // Each statement text prepared once per connection, not once per query (./statementCache.ts).
  keepPreparedStatements()
  return withBusyTimeoutOnEveryConnection(
    withHandMadeTablesOutOfDevPush(
      url,
      beforeDevPush,
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
        migrationDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations'),
        // `next start` never pushes the schema; a fresh database gets it from the committed migrations.
        prodMigrations: migrations,
      }),
    ),
  )
}

/**
 * Payload uses transactions when DATABASE_URI names a replica set (Atlas is one; docker-compose
 * runs one), and never otherwise. Here the server has the last word: a server that speaks MongoDB
 * may call itself a replica set yet refuse transactions (FerretDB 1.x with --repl-set-name
 * answers "unknown field autocommit" to every write in one), and then every save would fail. So a
 * write is tried in a transaction that is aborted; if that fails, or the write survives the
 * abort, Payload runs without transactions, as on a lone mongod. Either way the log says so.
 */
async function decideTransactions(adapter: PayloadMongooseAdapter): Promise<void> {
  const client = adapter.connection.getClient()
  const warn = (why: string) =>
    adapter.payload.logger.warn(
      `MongoDB without transactions (${why}): imports are refused, and a failed multi-step change can be left half done.`,
    )
  if (!client.options.replicaSet) {
    const { setName } = await client.db('admin').command({ hello: 1 })
    warn(
      setName
        ? `the server is replica set "${setName}", but DATABASE_URI does not say so: add ?replicaSet=${setName}`
        : 'the server is not a replica set',
    )
    return
  }
  const check = client.db().collection<{ _id: string }>('minimart-transaction-check')
  const _id = randomUUID()
  const session = client.startSession()
  let refused: string | undefined
  try {
    session.startTransaction()
    await check.insertOne({ _id }, { session })
    await session.abortTransaction()
    if (await check.findOne({ _id })) refused = 'a write outlived the abort of its transaction'
  } catch (error) {
    refused = error instanceof Error ? error.message : String(error)
  } finally {
    await session.endSession()
    await check.deleteOne({ _id }).catch(() => {})
  }
  if (refused) {
    // What Payload's connect() itself does for a server that is not a replica set.
    adapter.transactionOptions = false as never
    adapter.beginTransaction = defaultBeginTransaction()
    warn(`the server cannot run them: ${refused}`)
  }
}

const BUSY_TIMEOUT_MS = 5000
/** Up to 1 GiB of the database file mapped into memory (shared by every connection of the process). */
const MMAP_BYTES = 1024 ** 3

type LibsqlClient = { execute: (sql: string) => Promise<unknown>; transaction: (mode?: string) => Promise<unknown> }

/**
 * Settings of each SQLite connection (SQLite keeps them per connection):
 * - busy_timeout: concurrent writers wait for the lock instead of failing with "database is locked";
 * - mmap_size: reads come straight from the operating system's cache of the file. libsql's own
 *   page cache is 2 MB and starts empty on every connection (a fresh one after each transaction,
 *   below), so a page of the catalogue read row by row (an aisle, a price range) copied each row's
 *   page in again: 2–4 times slower at 100 000 items (measured on the bench catalogue).
 */
const CONNECTION_PRAGMAS = [`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`, `PRAGMA mmap_size = ${MMAP_BYTES};`]

/**
 * libsql gives each transaction the client's current connection and opens a fresh one for
 * everything else, and that fresh connection has none of the settings above. So right after a
 * transaction takes a connection, set them on its replacement. (Synchronously: nothing else can
 * use the new connection in between.)
 */
function withBusyTimeoutOnEveryConnection(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args)
      oneWriteTransactionAtATime(db)
      const connect = db.connect!
      db.connect = async function (this: typeof db, options) {
        await connect.call(this, options)
        const client = (this as unknown as { client: LibsqlClient }).client
        const transaction = client.transaction.bind(client)
        client.transaction = (mode) => {
          const started = transaction(mode)
          for (const pragma of CONNECTION_PRAGMAS) void client.execute(pragma)
          return started
        }
        for (const pragma of CONNECTION_PRAGMAS) await client.execute(pragma)
      }
      return db
    },
  }
}

/**
 * Dev mode (`npm run dev`) pushes Payload's schema into its database at every start, and the push
 * (drizzle-kit) offers to drop every table it does not know, the hand-made ones (the search's
 * FTS5 table, the aisle index) included, asking at the terminal and stopping on "no". So in dev
 * mode they are dropped first, the push finds nothing to ask about, and onInit builds them again
 * from the items (search/databaseIndex.ts, aisleOrder.ts, adminSearch.ts, through devPush.ts).
 * Never in production, which migrates.
 */
function withHandMadeTablesOutOfDevPush(url: string, statements: string[], adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  if (statements.length === 0) return adapter
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args)
      const connect = db.connect!
      db.connect = async function (this: typeof db, options) {
        if (pushesSchema(this) && process.env.PAYLOAD_MIGRATING !== 'true' && !options?.hotReload) {
          const client = createClient({ url })
          try {
            for (const statement of statements) await client.execute(statement)
          } finally {
            client.close()
          }
        }
        await connect.call(this, options)
      }
      return db
    },
  }
}

/**
 * The shop asks for a page of the catalogue with `pagination: false` (no count of every match on
 * every page: it counts once per filter). SQLite's adapter still honours `page` then; MongoDB's
 * (mongoose-paginate) drops it and answers page 1 for every page. There, a later page is asked
 * for with pagination on: correct, at the price of the count.
 */
function withPagesWithoutCount(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args)
      const find = db.find
      db.find = function (this: BaseDatabaseAdapter, options) {
        const later = options.pagination === false && (options.page ?? 1) > 1 && (options.limit ?? 0) > 0
        return find.call(this, later ? { ...options, pagination: true } : options)
      } as typeof find
      return db
    },
  }
}

/** How long a write may wait for its turn behind this process's other writes before a 503. */
const WRITE_TURN_TIMEOUT_MS = 15_000

/**
 * libsql runs SQLite synchronously on the event loop, so a BEGIN IMMEDIATE that waits for the
 * write lock blocks the whole process for up to the busy timeout, including the request that holds
 * the lock whenever it awaits work off the loop (a password hash in the thread pool): the two then
 * deadlock until the timeout, and the second write fails with SQLITE_BUSY (found by the JSON-type
 * fuzz: a password change beside a media save, 5 s, then a 500). So this process's write
 * transactions take turns asynchronously, one open at a time (all SQLite allows anyway), and a
 * BEGIN never waits on a lock held by this process. The busy timeout still covers other processes
 * (a second CMS replica, `npm run backup`).
 */
function oneWriteTransactionAtATime(db: BaseDatabaseAdapter): void {
  let writing = false
  const queue: Array<() => void> = []
  const open = new Set<number | string>()
  const takeTurn = () =>
    new Promise<void>((resolve, reject) => {
      if (!writing) {
        writing = true
        return resolve()
      }
      const grant = () => {
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(grant), 1)
        reject(new APIError('The database is busy with other changes; please try again in a moment.', 503))
      }, WRITE_TURN_TIMEOUT_MS)
      queue.push(grant)
    })
  const passTurn = () => {
    const next = queue.shift()
    if (next) next()
    else writing = false
  }

  const { beginTransaction, commitTransaction, rollbackTransaction } = db
  db.beginTransaction = async function (this: BaseDatabaseAdapter, options) {
    await takeTurn()
    try {
      const id = await beginTransaction.call(this, options)
      if (id === null || id === undefined) passTurn()
      else open.add(id)
      return id
    } catch (error) {
      passTurn()
      throw error
    }
  }
  const ending = (end: typeof commitTransaction) =>
    async function (this: BaseDatabaseAdapter, transactionID: Parameters<typeof commitTransaction>[0]) {
      const id = await transactionID
      try {
        await end.call(this, id)
      } finally {
        if (open.delete(id)) passTurn()
      }
    }
  db.commitTransaction = ending(commitTransaction)
  db.rollbackTransaction = ending(rollbackTransaction)
}

function ensureFolderFor(url: string): void {
  const file = sqliteFile(url)
  if (file) mkdirSync(path.dirname(file), { recursive: true })
}

type SqliteAdapter = {
  name: 'sqlite'
  client?: { execute: (sql: string) => Promise<unknown>; close: () => void }
  clientConfig: { url: string }
}
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
