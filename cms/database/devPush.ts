import type { Payload } from 'payload'

/**
 * Dev mode (`npm run dev`) pushes Payload's schema instead of migrating, and the tables Payload's
 * schema cannot express (an FTS5 table, tables kept by triggers) are dropped before the push
 * (cms/database/index.ts). At start, this builds one such table again, with its triggers, and
 * fills it: `statements` are its migration's, in order. Elsewhere the migrations made them.
 */
export async function rebuildInDev(payload: Payload, statements: string[]): Promise<void> {
  const db = payload.db as unknown as { name: string; push?: boolean; client: { execute: (sql: string) => Promise<unknown> } }
  const pushes = db.name === 'sqlite' && process.env.NODE_ENV !== 'production' && db.push !== false
  if (!pushes) return
  for (const statement of statements) await db.client.execute(statement)
}
