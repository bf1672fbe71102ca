/**
 * The bench catalogue (tests/bench/seed.ts: brands × products, 25 aisles, realistic prices and
 * stock) seeded through Payload's local API by tests/bench/seed-local.ts, into a database no
 * server has open yet. Used by the bench, and by tests that need a catalogue shaped like a real
 * shop's (the query plans, which SQLite chooses from the data's statistics).
 *
 * A large catalogue is seeded by one process per core, each over its own slice of the items and
 * its own file, then merged into one file (tests/bench/mergeParts.ts): each create is mostly
 * Payload's JavaScript, on one core per process.
 */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'libsql'

import { sqliteFile } from '../../cms/database/urls.ts'
import { mergeParts } from '../bench/mergeParts.ts'
import { root, TEST_ADMIN_PASSWORD } from './servers.ts'

/** Below this many items a second process costs more (its start, the merge) than it saves. */
const PARALLEL_FROM = 20_000

export async function seedBenchCatalogue({
  databaseUri,
  items,
  secret,
  quiet = false,
  parts = Number(process.env.SEED_PARTS ?? (items >= PARALLEL_FROM ? Math.min(2, os.availableParallelism()) : 1)),
}: {
  databaseUri: string
  items: number
  /** The PAYLOAD_SECRET the CMS will then run with. */
  secret: string
  /** Keep the seeding's progress lines out of the output (tests). */
  quiet?: boolean
  /** Processes seeding side by side (each its own file, merged at the end). */
  parts?: number
}): Promise<void> {
  const file = sqliteFile(databaseUri)
  if (!file) throw new Error(`the bench catalogue needs a SQLite file, not ${databaseUri}`)
  const files = Array.from({ length: parts }, (_, part) => (part === 0 ? file : `${file}.part${part}`))
  const seedPart = (part: number) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, 'node_modules/.bin/payload'), 'run', 'tests/bench/seed-local.ts'], {
        cwd: root,
        stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          MINIMART_ENV: 'local',
          LOG_LEVEL: 'warn',
          DATABASE_URI: `file:${files[part]}`,
          PAYLOAD_SECRET: secret,
          ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
          SEED_DEMO: 'false',
          REVALIDATE_SECRET: '',
          BENCH_ITEMS: String(items),
          SEED_FROM: String(Math.floor((items * part) / parts)),
          SEED_TO: String(Math.floor((items * (part + 1)) / parts)),
        },
      })
      child.on('error', reject)
      child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`seeding part ${part} ended with ${signal ?? code}`))))
    })
  try {
    await Promise.all(files.map((_, part) => seedPart(part)))
    const merging = performance.now()
    mergeParts(file, files.slice(1))
    if (parts > 1 && !quiet) console.log(`[seed] ${parts} parts merged in ${((performance.now() - merging) / 1000).toFixed(1)} s`)
  } finally {
    for (const part of files.slice(1)) for (const suffix of ['', '-wal', '-shm']) rmSync(part + suffix, { force: true })
  }
  // A bulk load leaves the search index (FTS5) in thousands of small segments, each read for
  // every key a search looks up (twice the search's time at 100 000 items): merged into one, as
  // any bulk import should end. Then the write-ahead log is folded into the file, so the CMS
  // starts on a compact one.
  const optimizing = performance.now()
  const db = new Database(file)
  try {
    db.exec("INSERT INTO items_search(items_search) VALUES('optimize'); PRAGMA wal_checkpoint(TRUNCATE)")
  } finally {
    db.close()
  }
  if (!quiet) console.log(`[seed] search index merged in ${((performance.now() - optimizing) / 1000).toFixed(1)} s`)
}
