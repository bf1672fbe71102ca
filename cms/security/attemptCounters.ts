import type { Payload, PayloadRequest, Where } from 'payload'

import { ATTEMPT_COUNTERS } from '../slugs'

/** A counter as read: how many attempts, and when the counter lapses (ms since the epoch). */
export type Counter = { count: number; expiresAt: number }

/**
 * How a counter lives: for `ttlMs` after its first attempt (`extend: false`, a fixed window, as
 * a rate limit), or after its latest one (`extend: true`, as a memory of failures).
 */
export type Lifetime = { ttlMs: number; extend: boolean }

/** How often one process clears out lapsed counters, so that the collection cannot grow without end. */
const SWEEP_EVERY_MS = 10 * 60_000
const shared = globalThis as { minimartCountersSweptAt?: number }

type Stored = { count?: unknown; expiresAt?: unknown }
const asCounter = (doc: Stored): Counter => ({ count: Number(doc.count), expiresAt: new Date(String(doc.expiresAt)).getTime() })
const iso = (ms: number) => new Date(ms).toISOString()
const alive = (key: string, now: number): Where => ({ and: [{ key: { equals: key } }, { expiresAt: { greater_than: iso(now) } }] })
const lapsed = (now: number, key?: string): Where => ({
  and: [...(key ? [{ key: { equals: key } }] : []), { expiresAt: { less_than_equal: iso(now) } }],
})

/**
 * Runs `work` with the request its database calls must carry.
 * - SQLite: in a write transaction, because this process's writes take turns
 *   (cms/database/index.ts): a write outside one would wait for a lock held by this very process,
 *   blocking it. Inside the request's own transaction when it has one (a reset request: its turn is
 *   already taken, and a second one would wait for it forever); in a short one of its own otherwise.
 *   Other processes wait for the write lock (busy timeout), so every step sees and changes the
 *   counter alone.
 * - MongoDB: no session. Each step below is one atomic document operation; in a transaction, a
 *   second process's increment would be a write conflict that fails the login instead of counting.
 */
async function inTurn<T>(req: PayloadRequest, work: (dbReq: PayloadRequest | undefined) => Promise<T>): Promise<T> {
  const db = req.payload.db
  if (db.name !== 'sqlite') return work(undefined)
  if (req.transactionID) return work(req)
  const id = await db.beginTransaction()
  if (id === null || id === undefined) return work(undefined)
  try {
    const result = await work({ payload: req.payload, transactionID: id } as PayloadRequest)
    await db.commitTransaction(id)
    return result
  } catch (error) {
    await db.rollbackTransaction(id)
    throw error
  }
}

/**
 * Counts one attempt on `key` and returns the counter after it. No attempt is lost when several
 * CMS processes count the same key at once: a live counter is incremented in the database
 * ($inc, one statement or document update); a lapsed one is deleted and created anew, and a
 * process that loses the race to create it (unique key) increments the winner's instead.
 * Hand-written rather than rate-limiter-flexible's stores (RateLimiterMongo, RateLimiterDrizzle):
 * those need a table of their own per database, outside Payload's schema and migrations, and would
 * write outside this process's write turns; one Payload collection works alike on both databases.
 */
export async function countAttempt(req: PayloadRequest, key: string, { ttlMs, extend }: Lifetime, now = Date.now()): Promise<Counter> {
  const db = req.payload.db
  return inTurn(req, async (dbReq) => {
    let lastError: unknown
    for (let round = 0; round < 3; round++) {
      const bumped = await db.updateOne({
        collection: ATTEMPT_COUNTERS,
        where: alive(key, now),
        data: { count: { $inc: 1 }, ...(extend ? { expiresAt: iso(now + ttlMs) } : {}) },
        req: dbReq,
      })
      if (bumped) return asCounter(bumped as Stored)
      await db.deleteMany({ collection: ATTEMPT_COUNTERS, where: lapsed(now, key), req: dbReq })
      try {
        const created = await db.create({ collection: ATTEMPT_COUNTERS, data: { key, count: 1, expiresAt: iso(now + ttlMs) }, req: dbReq })
        await sweepNowAndThen(req.payload, dbReq, now)
        return asCounter(created as Stored)
      } catch (error) {
        // Another process created it first (or the database failed: then the next round fails too).
        lastError = error
      }
    }
    throw lastError
  })
}

/** The live counter on `key`, if any. */
export async function readCounter(payload: Payload, key: string, now = Date.now()): Promise<Counter | undefined> {
  const doc = await payload.db.findOne({ collection: ATTEMPT_COUNTERS, where: alive(key, now) })
  return doc ? asCounter(doc as Stored) : undefined
}

/** Drops the counter on `key` (e.g. the owner got in). */
export async function forgetCounter(req: PayloadRequest, key: string): Promise<void> {
  await inTurn(req, (dbReq) => req.payload.db.deleteMany({ collection: ATTEMPT_COUNTERS, where: { key: { equals: key } }, req: dbReq }))
}

/** Deletes lapsed counters, at most every SWEEP_EVERY_MS per process (new counters come with new keys). */
async function sweepNowAndThen(payload: Payload, dbReq: PayloadRequest | undefined, now: number): Promise<void> {
  if (now - (shared.minimartCountersSweptAt ?? 0) < SWEEP_EVERY_MS) return
  shared.minimartCountersSweptAt = now
  await payload.db.deleteMany({ collection: ATTEMPT_COUNTERS, where: lapsed(now), req: dbReq })
}
