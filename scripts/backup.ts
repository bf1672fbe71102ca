/**
 * `npm run backup [-- <file>]`: writes a consistent copy of the CMS's SQLite database while the
 * CMS keeps running. SQLite's `VACUUM INTO` copies from one read transaction, so the copy holds
 * every write committed before it started and none that is half done; a plain file copy of a
 * database in WAL mode can miss or tear recent writes. The copy is checked before it is kept.
 * Default file: data/backups/minimart-<date>-<time>.db. For MongoDB it prints the mongodump way.
 */

import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { createClient } from '@libsql/client'

import { isMongoUri, SQLITE_URL, sqliteFile } from '../cms/database/urls.ts'
import { loadRootEnv } from '../shared/env.ts'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root) // file: URLs in DATABASE_URI are relative to the repository root, as for the CMS
loadRootEnv()

function fail(message: string): never {
  console.error(`[backup] ${message}`)
  process.exit(1)
}

// The database `npm start` uses, unless DATABASE_URI names another.
const uri = process.env.DATABASE_URI || SQLITE_URL
if (isMongoUri(uri)) {
  fail(
    'DATABASE_URI is MongoDB: back it up with mongodump, e.g.\n' +
      '  docker compose exec -T mongo mongodump --db=minimart --archive --gzip > minimart-$(date +%F).archive.gz\n' +
      'and see README.md, "Backups", for restoring.',
  )
}
const source = sqliteFile(uri)
if (!source || !existsSync(source)) fail(`No database at ${source} (DATABASE_URI=${uri}).`)

const stamp = new Date()
  .toISOString()
  .replace(/\.\d+Z$/, '')
  .replace(/[-:]/g, '')
  .replace('T', '-')
const target = path.resolve(process.argv[2] ?? path.join(root, 'data/backups', `minimart-${stamp}.db`))
if (existsSync(target)) fail(`${target} exists already; choose another file.`)
mkdirSync(path.dirname(target), { recursive: true })

const started = Date.now()
const database = createClient({ url: `file:${source}` })
try {
  // Wait for a writer holding the lock, as the CMS does, instead of failing with SQLITE_BUSY.
  await database.execute('PRAGMA busy_timeout = 10000')
  await database.execute({ sql: 'VACUUM INTO ?', args: [target] })
} catch (error) {
  rmSync(target, { force: true })
  fail(`Backup failed: ${error instanceof Error ? error.message : String(error)}`)
} finally {
  database.close()
}

const copy = createClient({ url: `file:${target}` })
const check = await copy.execute('PRAGMA integrity_check')
copy.close()
const verdict = String(check.rows[0]?.[0])
if (verdict !== 'ok') {
  rmSync(target, { force: true })
  fail(`The copy failed its integrity check (${verdict}); nothing was kept.`)
}

const megabytes = (statSync(target).size / 1024 / 1024).toFixed(1)
console.log(`[backup] ${source} → ${target} (${megabytes} MB, ${Date.now() - started} ms, integrity ok).`)
console.log('[backup] To restore it, see README.md, "Backups".')
