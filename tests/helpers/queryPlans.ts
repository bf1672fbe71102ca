/**
 * SQLite's query plans for the SQL a real CMS ran: a CMS started with LOG_LEVEL=trace logs each
 * statement's text with the request id (cms/database.ts); these helpers pick a request's
 * statements on items out of its output and explain them on the CMS's own database file.
 * Used by tests/int/query-plans.int.spec.ts (which fails on a bad plan) and the bench (which
 * prints them).
 */
import { DatabaseSync } from 'node:sqlite'

import type { Server } from './servers'

/** The SQL statements on `table` the CMS logged while serving the request with this id. */
export async function statementsOn(cms: Pick<Server, 'output'>, requestId: string, table = 'items'): Promise<string[]> {
  // The line is written as the query runs; the answer may arrive before it is flushed.
  await new Promise((resolve) => setTimeout(resolve, 50))
  return cms
    .output()
    .split('\n')
    .filter((line) => line.includes(requestId) && line.includes('"msg":"sql"'))
    .map((line) => JSON.parse(line).sql as string)
    .filter((sql) => sql.toLowerCase().includes(`from "${table}"`))
}

/** Opens the CMS's SQLite file (read-only) to explain statements. */
export const openPlanner = (databaseUri: string): DatabaseSync => new DatabaseSync(databaseUri.replace(/^file:/, ''), { readOnly: true })

/** SQLite's plan for a statement, one line per step; unbound parameters are NULL. */
export function planOf(database: DatabaseSync, sql: string): string[] {
  const rows = database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>
  return rows.map((row) => row.detail)
}
