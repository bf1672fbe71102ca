/**
 * Seeds BENCH_ITEMS items (and an aisle per kind of product, each item in its aisle) into the
 * database at DATABASE_URI through Payload's local API: every item goes through the same validation and hooks as an edit in the admin (shopper fields, slug,
 * summary, search terms, audit entry, a version), but a thousand at a time in one transaction
 * instead of one HTTP request and one commit (one fsync) each.
 * Usage: DATABASE_URI=file:… PAYLOAD_SECRET=… NODE_ENV=production npx payload run tests/bench/seed-local.ts
 * (tests/helpers/benchCatalogue.ts runs one per core, each over a slice of the items
 * [SEED_FROM, SEED_TO) into a file of its own, then merges the files; `BENCH_SEED_ONLY=1 npx node
 * tests/bench/run.ts` seeds, prints the rate and stops).
 *
 * What a profile (`node --cpu-prof`) of 10 000 items showed, and what is done about it:
 * - most of the time is Payload's and drizzle's JavaScript per create (hooks, building ~7 SQL
 *   statements, reading the row back), which nothing here may skip;
 * - a quarter was libsql preparing the same seven statements again for every item and asking each
 *   for its columns twice: the SQLite adapter keeps prepared statements per connection
 *   (cms/database/statementCache.ts);
 * - each create also waits off the event loop between its steps: sixteen creates in flight keep
 *   the loop busy meanwhile (four left it idle a third of the time);
 * - SQLite's own work (the rows, ~40 index entries, the search index's trigger) is a fifth: the
 *   seeding connections skip the fsync at each commit (synchronous=OFF: a fresh bench file,
 *   thrown away if the machine crashes) and keep a large page cache.
 */
import os from 'node:os'
import config from '@payload-config'
import { commitTransaction, createLocalReq, getPayload, initTransaction, killTransaction } from 'payload'

import { closeDatabase } from '../../cms/database/index.ts'
import { benchAisles, benchItems, benchNameParts } from './seed.ts'

const count = Number(process.env.BENCH_ITEMS ?? 10_000)
// This process's slice of the catalogue (the whole of it by default): item i is the same item,
// in the same aisle, whichever process seeds it.
const first = Number(process.env.SEED_FROM ?? 0)
const end = Number(process.env.SEED_TO ?? count)
const tag = first === 0 && end === count ? '[seed]' : `[seed ${first}–${end}]`
const BATCH = Number(process.env.SEED_BATCH ?? 1000)
// Creates in flight at once inside a batch's transaction: while one waits between its steps, the
// others run (SQLite itself runs synchronously on the event loop, one statement at a time).
const IN_FLIGHT = Number(process.env.SEED_IN_FLIGHT ?? 16)
// SQLite's page cache for the seeding connection (KiB). Each item writes to some forty indexes
// (items, versions, audit log); with the default 2 MB cache, past ~20 000 items most of those
// index pages are read back from the file on every insert, and seeding slows to a crawl.
const CACHE_KIB = Number(process.env.SEED_CACHE_KIB ?? 512 * 1024)

const payload = await getPayload({ config })
const client = (payload.db as unknown as { client: { execute: (sql: string) => Promise<unknown> } }).client
const items = benchItems(count).slice(first, end)
const started = performance.now()
const cpuStarted = process.cpuUsage()
// The aisles first (each item goes into its product's aisle), through the same local API.
const aisles = new Map<string, number | string>()
for (const aisle of benchAisles())
  aisles.set(aisle.name, (await payload.create({ collection: 'categories', data: aisle as never, depth: 0 })).id)
for (let from = 0; from < items.length; from += BATCH) {
  const req = await createLocalReq({}, payload)
  // libsql hands its current connection to the next transaction (and opens a new one for the
  // rest): the settings made here are the transaction's.
  await client.execute(`PRAGMA cache_size = -${CACHE_KIB}`)
  await client.execute('PRAGMA synchronous = OFF')
  await initTransaction(req)
  try {
    const batch = items.slice(from, from + BATCH)
    let next = 0
    const worker = async () => {
      while (next < batch.length) {
        const at = next++
        const data = { ...batch[at], categories: [aisles.get(benchNameParts(first + from + at).product)!] }
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
    console.log(`${tag} ${from + BATCH} items, ${((performance.now() - started) / 1000).toFixed(0)} s`)
}
const seconds = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuStarted)
console.log(
  `${tag} ${items.length} items in ${seconds.toFixed(1)} s (${(items.length / seconds).toFixed(0)} items/s, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU, load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')})`,
)
// Folds the write-ahead log into the database file, so the CMS starts on a compact file.
await closeDatabase(payload)
process.exit(0)
