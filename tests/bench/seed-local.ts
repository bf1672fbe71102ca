/**
 * Seeds BENCH_ITEMS items into the database at DATABASE_URI through Payload's local API: every
 * item goes through the same validation and hooks as an edit in the admin (shopper fields, slug,
 * audit entry, a version), but a thousand at a time in one transaction instead of one HTTP
 * request and one commit (one fsync) each.
 * Usage: DATABASE_URI=file:… PAYLOAD_SECRET=… NODE_ENV=production npx payload run tests/bench/seed-local.ts
 * (the bench runs it before starting the CMS on that database).
 */
import config from '@payload-config'
import { commitTransaction, createLocalReq, getPayload, initTransaction, killTransaction } from 'payload'

import { closeDatabase } from '../../cms/database/index.ts'
import { benchItems } from './seed.ts'

const count = Number(process.env.BENCH_ITEMS ?? 10_000)
const BATCH = Number(process.env.SEED_BATCH ?? 1000)
// Creates in flight at once inside a batch's transaction: each waits on the database in turn, so
// a few overlap the JavaScript of one with the SQLite work of another.
const IN_FLIGHT = Number(process.env.SEED_IN_FLIGHT ?? 4)
// SQLite's page cache for the seeding connection (KiB). Each item writes to some forty indexes
// (items, versions, audit log); with the default 2 MB cache, past ~20 000 items most of those
// index pages are read back from the file on every insert, and seeding slows to a crawl.
const CACHE_KIB = Number(process.env.SEED_CACHE_KIB ?? 512 * 1024)

const payload = await getPayload({ config })
const client = (payload.db as unknown as { client: { execute: (sql: string) => Promise<unknown> } }).client
const items = benchItems(count)
const started = performance.now()
for (let from = 0; from < items.length; from += BATCH) {
  const req = await createLocalReq({}, payload)
  // libsql hands its current connection to the next transaction (and opens a new one for the
  // rest): the cache size set here is the transaction's.
  await client.execute(`PRAGMA cache_size = -${CACHE_KIB}`)
  await initTransaction(req)
  try {
    const batch = items.slice(from, from + BATCH)
    let next = 0
    const worker = async () => {
      while (next < batch.length) {
        const data = batch[next++]
        // (The generated type narrows rich text's direction to 'ltr' | 'rtl'; the bench data is plain JSON.)
        await payload.create({ collection: 'items', data: data as never, req, depth: 0, select: { slug: true } })
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
    await commitTransaction(req)
  } catch (error) {
    await killTransaction(req)
    throw error
  }
  if (process.env.SEED_VERBOSE || (from / BATCH) % 10 === 9)
    console.log(`[seed] ${from + BATCH} items, ${((performance.now() - started) / 1000).toFixed(0)} s`)
}
const seconds = (performance.now() - started) / 1000
console.log(`[seed] ${count} items in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)} items/s)`)
// Folds the write-ahead log into the database file, so the CMS starts on a compact file.
await closeDatabase(payload)
process.exit(0)
