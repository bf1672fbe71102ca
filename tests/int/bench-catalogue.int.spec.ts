/**
 * The bench catalogue seeded by two processes side by side and merged (tests/bench/mergeParts.ts)
 * is the catalogue one process seeds: the same items in the same aisles, each with its version,
 * its audit entry, its search keys and its aisle index rows, every reference pointing at the
 * merged ids. (SQLite only: the bench seeds a SQLite file.)
 */
import Database from 'libsql'
import { describe, expect, it } from 'vitest'
import { sqliteFile } from '../../cms/database/urls'
import { seedBenchCatalogue } from '../helpers/benchCatalogue'
import { databaseKind } from '../helpers/database'
import { temporarySqliteUri } from '../helpers/servers'

const ITEMS = 300
const secret = 'bench-catalogue-secret-0123456789abcdef'

/** What a shopper, the admin and the search see of the catalogue, keyed by names, never by ids. */
function contents(uri: string) {
  const db = new Database(sqliteFile(uri)!, { readonly: true })
  const rows = (sql: string) => db.prepare(sql).raw(true).all() as unknown[][]
  try {
    return {
      items: rows('SELECT name, slug, sku, price, quantity, sold_out, summary, search_terms, _status FROM items ORDER BY name'),
      aisles: rows(
        'SELECT i.name, c.name FROM items_rels r JOIN items i ON i.id = r.parent_id JOIN categories c ON c.id = r.categories_id ORDER BY 1, 2',
      ),
      versions: rows(
        `SELECT i.name, v.version_name, v.version_price, v.version__status, v.latest, c.name FROM _items_v v
         JOIN items i ON i.id = v.parent_id LEFT JOIN _items_v_rels vr ON vr.parent_id = v.id LEFT JOIN categories c ON c.id = vr.categories_id ORDER BY 1`,
      ),
      audit: rows(
        `SELECT a.action, a.summary, i.name FROM audit_log a LEFT JOIN items i ON a.collection_slug = 'items' AND a.document_id = CAST(i.id AS TEXT)
         ORDER BY a.collection_slug, a.summary`,
      ),
      search: rows('SELECT i.name, s.terms FROM items_search s JOIN items i ON i.id = s.rowid ORDER BY 1'),
      adminSearch: rows(
        'SELECT i.name, s.name, s.sku FROM items_admin_search s JOIN _items_v v ON v.id = s.rowid JOIN items i ON i.id = v.parent_id ORDER BY 1',
      ),
      aisleIndex: rows(
        'SELECT c.name, o.name, o.price, o.sold_out FROM items_aisle_order o JOIN categories c ON c.id = o.aisle_id ORDER BY 1, 2',
      ),
    }
  } finally {
    db.close()
  }
}

describe.skipIf(databaseKind() !== 'sqlite')('the bench catalogue seeded in parts', () => {
  it('is the catalogue one process seeds', { timeout: 120_000 }, async () => {
    const whole = temporarySqliteUri()
    const merged = temporarySqliteUri()
    await Promise.all([
      seedBenchCatalogue({ databaseUri: whole, items: ITEMS, secret, quiet: true, parts: 1 }),
      seedBenchCatalogue({ databaseUri: merged, items: ITEMS, secret, quiet: true, parts: 2 }),
    ])
    const expected = contents(whole)
    expect(expected.items).toHaveLength(ITEMS)
    expect(expected.audit.filter(([, , name]) => name)).toHaveLength(ITEMS)
    expect(expected.search).toHaveLength(ITEMS)
    expect(expected.adminSearch).toHaveLength(ITEMS)
    expect(contents(merged)).toEqual(expected)
  })
})
