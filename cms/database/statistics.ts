import { sql } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { ITEMS } from '../slugs'

/**
 * SQLite's planner statistics (sqlite_stat1), kept current. Without them SQLite guesses that
 * `_status = 'published'` matches about ten rows and that an aisle holds most of the catalogue,
 * so at 100 000 items it walked a whole index for an aisle's count (120 ms), for 32 items asked by
 * slug at once (1 s), and sorted every item of a one-sided price range (60 ms); with them each of
 * those is read from the right index (5 ms, 0.4 ms, 0.2 ms: measured on the bench catalogue).
 *
 * SQLite's advice is to run ANALYZE when the data's shape changes (`PRAGMA optimize`, which in the
 * SQLite libsql bundles (3.45) only looks at tables this connection has queried, so it does
 * nothing at start). So here: at start and every CHECK_MS, when the catalogue has no statistics,
 * has grown or shrunk by half or more since they were taken (a CSV import, a first seed), or has
 * an index they leave out (a migration added it), ANALYZE runs in a write transaction of its own
 * (taking its turn with the process's other writes, cms/database/index.ts). A full ANALYZE:
 * 0.35 s at 100 000 items (analysis_limit would sample 4 000 rows an index and take `_status`
 * for a column of 25 values). MongoDB plans from its own statistics: nothing to do there.
 */
export const CHECK_MS = 5 * 60_000

type Sqlite = {
  name: 'sqlite'
  client: { execute: (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }> }
  sessions: Record<string, { db: { run: (query: unknown) => Promise<unknown> } }>
  tableNameMap: Map<string, string>
}

/**
 * Whether the items' statistics are missing, describe a catalogue half or twice the size, or
 * leave out an index (one a migration added since: SQLite would plan it from guesses).
 */
export function statisticsStale(analysedRows: number | undefined, rows: number, indexesWithout = 0): boolean {
  if (rows === 0) return false
  if (analysedRows === undefined || indexesWithout > 0) return true
  return rows > analysedRows * 2 || rows < analysedRows / 2
}

async function refresh(payload: Payload): Promise<void> {
  const db = payload.db as unknown as Sqlite
  const table = db.tableNameMap.get(ITEMS) ?? ITEMS
  const [{ rows }, stat, without] = await Promise.all([
    db.client.execute(`SELECT count(*) AS n FROM "${table}"`),
    // (sqlite_stat1 exists once anything was analysed.)
    db.client.execute(`SELECT stat FROM sqlite_stat1 WHERE tbl = '${table}' LIMIT 1`).catch(() => ({ rows: [] })),
    db.client
      .execute(
        `SELECT count(*) AS n FROM sqlite_master m WHERE m.type = 'index' AND m.tbl_name = '${table}'
           AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.idx = m.name)`,
      )
      .catch(() => ({ rows: [{ n: 0 }] })),
  ])
  const count = Number(rows[0]?.n ?? 0)
  const analysed = stat.rows[0] ? Number(String(stat.rows[0].stat).split(' ')[0]) : undefined
  if (!statisticsStale(analysed, count, Number(without.rows[0]?.n ?? 0))) return
  const started = performance.now()
  const id = await payload.db.beginTransaction()
  if (id === null || id === undefined) return
  try {
    const transaction = db.sessions[String(await id)]!.db
    await transaction.run(sql`ANALYZE`)
    await payload.db.commitTransaction(id)
  } catch (error) {
    await payload.db.rollbackTransaction(id)
    throw error
  }
  payload.logger.info(
    { items: count, analysedBefore: analysed ?? null, ms: Math.round(performance.now() - started) },
    'SQLite planner statistics refreshed',
  )
}

/** At start, then every CHECK_MS (the timer never keeps the process alive). */
export async function keepPlannerStatistics(payload: Payload): Promise<void> {
  if ((payload.db as unknown as { name: string }).name !== 'sqlite') return
  await refresh(payload)
  setInterval(() => {
    refresh(payload).catch((error) => payload.logger.warn({ err: error }, 'SQLite planner statistics not refreshed'))
  }, CHECK_MS).unref()
}
