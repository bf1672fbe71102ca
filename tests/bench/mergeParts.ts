/**
 * Folds bench catalogues seeded side by side (tests/bench/seed-local.ts, one process and one
 * SQLite file a part) into the first part's file, so that seeding uses every core.
 *
 * Why by hand: each part is written by Payload's local API (validation, hooks, a version, an audit
 * entry per item), but a SQLite file takes one writer at a time and a create holds its transaction
 * through its JavaScript, so two processes on one file would take turns. Copying the finished rows
 * is plain SQL, with the ids of each part moved past the first part's: no library does that for
 * Payload's tables. The search index and the aisle index are not copied: the first file's
 * triggers build them from the copied items, as they do for every edit.
 *
 * Each part must have made the same aisles in the same order (so an aisle's id is the same in
 * every file); the merge checks that, and refuses a part with rows in a table it does not know.
 */
import Database from 'libsql'

type Db = InstanceType<typeof Database>

/** Tables copied from each part, in an order that keeps every reference valid, and how ids move. */
const COPIED: { table: string; moved: Record<string, string>; where?: string }[] = [
  { table: 'items', moved: { id: 'items' } },
  { table: 'items_rels', moved: { id: 'items_rels', parent_id: 'items' } },
  { table: '_items_v', moved: { id: '_items_v', parent_id: 'items' } },
  { table: '_items_v_rels', moved: { id: '_items_v_rels', parent_id: '_items_v' } },
  // Each item's entry, naming the item's new id (the aisles' and the admin's are the first part's).
  { table: 'audit_log', moved: { id: 'audit_log', document_id: 'items' }, where: "collection_slug = 'items'" },
]
/** Tables every part fills alike at its start (its aisles, the admin, the migrations run). */
const ALIKE = new Set(['categories', 'users', 'users_roles', 'users_sessions', 'payload_migrations'])
/** Tables the first file's triggers fill from the copied items. */
const DERIVED = /^(items_search.*|items_admin_search.*|items_aisle_order)$/

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
const columnsOf = (db: Db, schema: string, table: string): string[] =>
  (db.prepare(`SELECT name FROM ${schema}.pragma_table_info(?)`).all(table) as { name: string }[]).map((row) => row.name)

/** Copies every part's items (with their versions, aisle links and audit entries) into `into`. */
export function mergeParts(into: string, parts: string[]): void {
  const db = new Database(into)
  try {
    db.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; PRAGMA foreign_keys = OFF')
    for (const part of parts) {
      db.prepare('ATTACH DATABASE ? AS part').run(part)
      try {
        refuseUnknownRows(db)
        const aisles = (schema: string) =>
          JSON.stringify(db.prepare(`SELECT id, name FROM ${schema}.categories ORDER BY id`).raw(true).all())
        if (aisles('part') !== aisles('main')) throw new Error(`${part} has other aisles than ${into}`)
        db.exec('BEGIN IMMEDIATE')
        const offsets = new Map(
          COPIED.map(({ table }) => [
            table,
            Number((db.prepare(`SELECT coalesce(max(id), 0) AS n FROM main.${quote(table)}`).get() as { n: number }).n),
          ]),
        )
        for (const { table, moved, where } of COPIED) {
          const columns = columnsOf(db, 'main', table)
          const select = columns.map((column) => {
            const by = moved[column]
            if (!by) return quote(column)
            // audit_log.document_id is text; the others are integers.
            const shifted = `${quote(column)} + ${offsets.get(by)}`
            return column === 'document_id' ? `CAST(CAST(${quote(column)} AS INTEGER) + ${offsets.get(by)} AS TEXT)` : shifted
          })
          db.exec(
            `INSERT INTO main.${quote(table)} (${columns.map(quote).join(', ')}) SELECT ${select.join(', ')} FROM part.${quote(table)}${where ? ` WHERE ${where}` : ''} ORDER BY id`,
          )
        }
        db.exec('COMMIT')
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw error
      } finally {
        db.exec('DETACH DATABASE part')
      }
    }
  } finally {
    db.close()
  }
}

/** Throws if the attached part has rows in a table the merge would neither copy nor rebuild. */
function refuseUnknownRows(db: Db): void {
  const tables = (
    db.prepare("SELECT name FROM part.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => !ALIKE.has(name) && !DERIVED.test(name) && !COPIED.some((copied) => copied.table === name))
  for (const table of tables) {
    if (db.prepare(`SELECT 1 FROM part.${quote(table)} LIMIT 1`).get())
      throw new Error(`the bench merge does not know the table ${table}: copy it in tests/bench/mergeParts.ts`)
  }
  const audited = db
    .prepare("SELECT DISTINCT collection_slug AS slug FROM part.audit_log WHERE collection_slug NOT IN ('items', 'categories', 'users')")
    .all()
  if (audited.length) throw new Error(`the bench merge does not know audit entries for ${JSON.stringify(audited)}`)
}
