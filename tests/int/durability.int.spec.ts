import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { createClient } from '@libsql/client'
import { describe, expect, it } from 'vitest'

import { databaseKind } from '../helpers/database'
import { login, rest } from '../helpers/rest'
import { root, startCms, TEST_ADMIN_PASSWORD, temporarySqliteUri } from '../helpers/servers'

const fileOf = (uri: string) => uri.replace(/^file:/, '')

async function integrityCheck(file: string): Promise<string> {
  const database = createClient({ url: `file:${file}` })
  try {
    return String((await database.execute('PRAGMA integrity_check')).rows[0]?.[0])
  } finally {
    database.close()
  }
}

type Write = { name: string; status: number; id?: number | string; error?: string }

/** All item names in the CMS, drafts included (a few hundred at most here). */
async function storedNames(url: string): Promise<Set<string>> {
  const token = await login(url, 'unclepat', TEST_ADMIN_PASSWORD)
  const { body } = await rest(url, 'items?limit=1000&depth=0&select[name]=true', { token })
  return new Set(body.docs.map((doc: any) => doc.name))
}

// SQLite's own durability (WAL, busy timeout, online backup); MongoDB's is mongod's business.
describe.skipIf(databaseKind() !== 'sqlite')('durability on SQLite', () => {
  it('keeps every acknowledged write when the CMS is killed with SIGKILL amid 200 concurrent writes', async () => {
    const databaseUri = temporarySqliteUri()
    const cms = await startCms({ databaseUri })
    const token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)

    let acknowledged = 0
    let killed = false
    const writes: Promise<Write>[] = Array.from({ length: 200 }, async (_, n) => {
      const name = `Durable Item ${String(n).padStart(3, '0')}`
      try {
        const { status, body } = await rest(cms.url, 'items', { method: 'POST', token, body: { name, price: 100 + n, quantity: n % 7 } })
        // Kill -9 once a quarter of the writes have been acknowledged: the rest are in flight.
        if (status === 201 && ++acknowledged === 50 && !killed) {
          killed = true
          await cms.stop('SIGKILL')
        }
        return { name, status, id: body?.doc?.id }
      } catch (error: any) {
        return { name, status: 0, error: String(error?.cause?.code ?? error) }
      }
    })
    const results = await Promise.all(writes)
    expect(killed).toBe(true)
    expect(cms.process.signalCode).toBe('SIGKILL')

    const ok = results.filter((write) => write.status === 201)
    const lost = results.filter((write) => write.status === 0)
    // The kill really came in the middle: some writes were answered, some never were.
    expect(ok.length).toBeGreaterThanOrEqual(50)
    expect(lost.length).toBeGreaterThan(0)
    // Before the kill, concurrent writers waited for the lock instead of failing.
    expect(results.filter((write) => write.status !== 201 && write.status !== 0)).toEqual([])

    const restarted = await startCms({ databaseUri })
    try {
      const names = await storedNames(restarted.url)
      const missing = ok.filter((write) => !names.has(write.name)).map((write) => write.name)
      expect(missing).toEqual([])
      // Nothing appears that nobody wrote; unanswered writes may or may not have committed.
      expect([...names].every((name) => name.startsWith('Durable Item '))).toBe(true)
    } finally {
      await restarted.stop()
    }
    expect(await integrityCheck(fileOf(databaseUri))).toBe('ok')
    console.info(
      `[durability] 200 concurrent writes, SIGKILL after the 50th answer: ${ok.length} acknowledged, all present after restart; ${lost.length} unanswered; integrity_check ok`,
    )
  })

  it('a password change and saves made at the same moment all succeed (writers take turns, no lock wait)', async () => {
    const cms = await startCms()
    try {
      const token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
      const staff = await rest(cms.url, 'users', {
        method: 'POST',
        token,
        body: { username: 'turns', password: 'turns-password-1', roles: ['staff'] },
      })
      expect(staff.status).toBe(201)
      // A password change hashes in the thread pool while its transaction holds the write lock;
      // saves that arrive meanwhile used to block the process on that lock for 5 s, then fail.
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, n) => [
          rest(cms.url, `users/${staff.body.doc.id}`, {
            method: 'PATCH',
            token,
            body: { password: `turns-password-${n}-${'x'.repeat(500)}` },
          }),
          rest(cms.url, 'items', { method: 'POST', token, body: { name: `Turn Taker ${n}`, price: 100 + n, quantity: 1 } }),
          rest(cms.url, 'items', { method: 'POST', token, body: { name: `Turn Waiter ${n}`, price: 200 + n, quantity: 2 } }),
        ]).flat(),
      )
      expect(results.map((result) => result.status).filter((status) => status >= 300)).toEqual([])
    } finally {
      await cms.stop()
    }
  })

  it('`npm run backup` copies the database while the CMS writes, and the copy restores into a fresh CMS', async () => {
    const databaseUri = temporarySqliteUri()
    const cms = await startCms({ databaseUri })
    const backup = path.join(mkdtempSync(path.join(os.tmpdir(), 'minimart-backup-')), 'shop.db')
    let stdout: string
    let writtenDuring: number
    try {
      const token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
      const write = (name: string) => rest(cms.url, 'items', { method: 'POST', token, body: { name, price: 250, quantity: 5 } })
      for (let n = 0; n < 20; n++) expect((await write(`Before Backup ${n}`)).status).toBe(201)

      let writing = true
      const writer = (async () => {
        let n = 0
        while (writing) await write(`During Backup ${n++}`)
        return n
      })()
      try {
        ;({ stdout } = await promisify(execFile)('npm', ['run', '--silent', 'backup', '--', backup], {
          cwd: root,
          env: { ...process.env, DATABASE_URI: databaseUri },
        }))
      } finally {
        writing = false
      }
      writtenDuring = await writer
    } finally {
      await cms.stop()
    }
    expect(stdout).toMatch(/integrity ok/)
    console.info(`[durability] ${stdout.trim().split('\n')[0]} — ${writtenDuring} writes made meanwhile`)
    expect(writtenDuring).toBeGreaterThan(0)
    expect(existsSync(`${backup}-wal`)).toBe(false)
    expect(await integrityCheck(backup)).toBe('ok')

    // Restore as the README says: the copy becomes the database file of a CMS.
    const restoredUri = temporarySqliteUri()
    copyFileSync(backup, fileOf(restoredUri))
    const restored = await startCms({ databaseUri: restoredUri })
    try {
      const names = await storedNames(restored.url)
      for (let n = 0; n < 20; n++) expect(names).toContain(`Before Backup ${n}`)
      // The restored shop lets Uncle Pat in and takes new writes.
      const token2 = await login(restored.url, 'unclepat', TEST_ADMIN_PASSWORD)
      const created = await rest(restored.url, 'items', {
        method: 'POST',
        token: token2,
        body: { name: 'After Restore', price: 100, quantity: 1 },
      })
      expect(created.status).toBe(201)
    } finally {
      await restored.stop()
    }
  })

  it('`npm run backup` refuses to overwrite a file, and points MongoDB users to mongodump', async () => {
    const run = (args: string[], env: Record<string, string>) =>
      promisify(execFile)('npm', ['run', '--silent', 'backup', '--', ...args], { cwd: root, env: { ...process.env, ...env } }).then(
        () => ({ code: 0, stderr: '' }),
        (error) => ({ code: error.code as number, stderr: String(error.stderr) }),
      )
    const databaseUri = temporarySqliteUri()
    const cms = await startCms({ databaseUri })
    await cms.stop()
    const existing = fileOf(temporarySqliteUri())
    copyFileSync(fileOf(databaseUri), existing)
    const overwrite = await run([existing], { DATABASE_URI: databaseUri })
    expect(overwrite.code).not.toBe(0)
    expect(overwrite.stderr).toMatch(/exists already/)

    const mongo = await run([], { DATABASE_URI: 'mongodb://mongo:27017/minimart?replicaSet=rs0' })
    expect(mongo.code).not.toBe(0)
    expect(mongo.stderr).toMatch(/mongodump/)
  })
})
