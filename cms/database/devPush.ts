import type { Payload } from 'payload'

/**
 * Whether Payload's SQLite adapter pushes its schema into the database at start (dev mode,
 * `npm run dev`; its own condition) instead of migrating.
 */
export const pushesSchema = (db: unknown): boolean =>
  (db as { name?: string }).name === 'sqlite' && process.env.NODE_ENV !== 'production' && (db as { push?: boolean }).push !== false

/**
 * Dev mode pushes Payload's schema instead of migrating, and the tables Payload's schema cannot
 * express (an FTS5 table, tables kept by triggers) are dropped before the push
 * (cms/database/index.ts). At start, this builds one such table again, with its triggers, and
 * fills it: `statements` are its migration's, in order. Elsewhere the migrations made them.
 */
export async function rebuildInDev(payload: Payload, statements: string[]): Promise<void> {
  if (!pushesSchema(payload.db)) return
  const { client } = payload.db as unknown as { client: { execute: (sql: string) => Promise<unknown> } }
  for (const statement of statements) await client.execute(statement)
}
