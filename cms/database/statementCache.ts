/**
 * Prepared statements kept per SQLite connection.
 *
 * Why by hand: @libsql/client (Payload's SQLite driver) prepares every statement anew on every
 * execute (its executeStmt calls `prepare`), then asks the statement for its columns twice, and
 * libsql keeps no statement cache of its own (better-sqlite3 users keep their statements
 * themselves, as here). Payload sends the same few dozen statement texts again and again, with
 * their values bound, so preparing each once per connection saves a tenth of a read request's CPU
 * in the CMS (measured with `node --cpu-prof` on the bench's cold item pages: libsql's prepare
 * 6.5 %, columns 3.2 %) and a quarter of the bench seeding's.
 *
 * Safe to share: @libsql/client only uses a statement synchronously (bound, stepped to its end,
 * reset by the next use), so two requests in flight never interleave on one. SQLite re-prepares a
 * kept statement by itself when the schema changes (a migration); its column names only change
 * then for a statement that selects `*`, whose columns are therefore never kept.
 */
import Database from 'libsql'

type Statement = { columns: () => unknown }
type Prepare = (this: object, sql: string) => Statement

/** Statement texts kept per connection: Payload binds its values, so a few dozen in practice. */
export const MAX_KEPT = 500

const installed = Symbol.for('minimart.keptStatements')

/** Installs the cache on libsql's connections (once per process; later calls do nothing). */
export function keepPreparedStatements(): void {
  const prototype = Database.prototype as unknown as { prepare: Prepare; [installed]?: true }
  if (prototype[installed]) return
  prototype[installed] = true
  prototype.prepare = keptPrepare(prototype.prepare)
}

/** `prepare` wrapped with a per-connection cache (exported for its unit test). */
export function keptPrepare(prepare: Prepare): Prepare {
  const kept = new WeakMap<object, Map<string, Statement>>()
  return function (this: object, sql: string): Statement {
    // A schema change (a migration) is prepared, run once and forgotten, as before.
    if (/^\s*(create|alter|drop)\b/i.test(sql)) {
      kept.get(this)?.clear()
      return prepare.call(this, sql)
    }
    let statements = kept.get(this)
    if (!statements) kept.set(this, (statements = new Map()))
    let statement = statements.get(sql)
    if (!statement) {
      if (statements.size >= MAX_KEPT) statements.clear()
      statement = prepare.call(this, sql)
      if (!selectsStar(sql)) {
        const columns = statement.columns.bind(statement)
        let known: unknown
        statement.columns = () => (known ??= columns())
      }
      statements.set(sql, statement)
    }
    return statement
  }
}

/**
 * Whether the statement's result columns follow the schema rather than its text: a `*` in its
 * outermost select list (`select *`, `select t.*`) or its `returning`. One inside a subquery
 * (Payload's relationship reads) or a count leaves them as written.
 */
export const selectsStar = (sql: string): boolean =>
  /^\s*select\s+(distinct\s+)?([\w"`]+\.)?\*/i.test(sql) || /\breturning\s+([\w"`]+\.)?\*/i.test(sql)
