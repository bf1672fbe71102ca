/**
 * Uncle Pat's dashboard figures (cms/dashboard/figures.ts, served as GET /api/dashboard and
 * rendered by the admin's first screen), against a catalogue whose figures are known, on both
 * database legs: the same numbers from SQL on SQLite and from an aggregate on MongoDB.
 */
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Callers, setUpCallers } from '../helpers/callers'
import { databaseKind, freshDatabaseUri } from '../helpers/database'
import { rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

const PAYLOAD_SECRET = 'dashboard-test-secret-0123456789abcdef'
let cms: Cms
let callers: Callers

/** name, price (cents), quantity, published? — LOW_STOCK_THRESHOLD is 5. */
const CATALOGUE: Array<[string, number, number, boolean]> = [
  ['Milo Tin 400 g', 250, 12, true],
  ['Kaya Spread', 100, 3, true],
  ['Teh Tarik Sachets', 999, 0, true],
  ['Instant Noodles', 500, 5, true],
  ['Draft Durian Cake', 1000, 1, false],
]
const ids: Record<string, number | string> = {}

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri(), env: { PAYLOAD_SECRET } })
  callers = await setUpCallers(cms.url, TEST_ADMIN_PASSWORD, PAYLOAD_SECRET)
  for (const [name, price, quantity, published] of CATALOGUE) {
    const created = await rest(cms.url, 'items', {
      method: 'POST',
      token: callers.adminToken,
      body: { name, price, quantity, _status: published ? 'published' : 'draft' },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    ids[name] = created.body.doc.id
  }
  // One more edit, and a low-stock crossing (12 → 4 would be one; 12 → 13 is not).
  const updated = await rest(cms.url, `items/${ids['Milo Tin 400 g']}`, {
    method: 'PATCH',
    token: callers.adminToken,
    body: { quantity: 13 },
  })
  expect(updated.status).toBe(200)
})
afterAll(() => cms?.stop())

const dashboard = (headers: Record<string, string>) => rest(cms.url, 'dashboard', { headers })

describe('the dashboard figures', () => {
  it('count what is on sale, sold out and low, and value the stock at shop prices (published items only)', async () => {
    const { status, body } = await dashboard(callers.admin)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      threshold: 5,
      onSale: 3,
      soldOut: 1,
      lowStock: 3,
      drafts: 1,
      // 250 × 13 + 100 × 3 + 999 × 0 + 500 × 5; the draft's 1 × 1000 is not on sale.
      stockValue: 6050,
    })
  })

  it('list the published items with the fewest in stock, fewest first', async () => {
    const { body } = await dashboard(callers.admin)
    expect(body.lowest.map((item: { name: string; quantity: number }) => [item.name, item.quantity])).toEqual([
      ['Teh Tarik Sachets', 0],
      ['Kaya Spread', 3],
      ['Instant Noodles', 5],
      ['Milo Tin 400 g', 13],
    ])
    expect(String(body.lowest[0].id)).toBe(String(ids['Teh Tarik Sachets']))
  })

  it('count item edits per day over the last 30 days, today last', async () => {
    const { body } = await dashboard(callers.admin)
    expect(body.editsPerDay).toHaveLength(30)
    const today = new Date().toISOString().slice(0, 10)
    expect(body.editsPerDay.at(-1)).toEqual({ day: today, edits: 6 })
    expect(body.editsPerDay.slice(0, -1).every((day: { edits: number }) => day.edits === 0)).toBe(true)
  })

  it('show admins the latest changes from the audit log, newest first, with who made them', async () => {
    const { body } = await dashboard(callers.admin)
    expect(body.latestChanges[0]).toMatchObject({
      action: 'update',
      actor: 'unclepat',
      summary: 'Updated item "Milo Tin 400 g": quantity',
      collectionSlug: 'items',
      documentId: String(ids['Milo Tin 400 g']),
    })
    // Changes only: the logins of this test (audited too) are not changes to the shop.
    expect(body.latestChanges.map((entry: { action: string }) => entry.action)).not.toContain('login')
    expect(body.latestChanges.length).toBeGreaterThan(1)
  })

  it('give staff the same stock figures but no audit entries (they may not read the audit log)', async () => {
    const staff = await dashboard(callers.staff)
    const admin = await dashboard(callers.admin)
    expect(staff.status).toBe(200)
    expect(staff.body.latestChanges).toBeNull()
    const { latestChanges: _staff, ...staffFigures } = staff.body
    const { latestChanges: _admin, ...adminFigures } = admin.body
    expect(staffFigures).toEqual(adminFigures)
    // And the audit log itself stays closed to them.
    expect((await rest(cms.url, 'audit-log', { headers: callers.staff })).status).toBe(403)
  })

  it('are for signed-in staff only: not for anonymous callers or API keys', async () => {
    expect((await dashboard(callers.anonymous)).status).toBe(401)
    expect((await dashboard(callers.apiKey)).status).toBe(403)
    expect((await dashboard(callers.forgedToken)).status).toBe(401)
  })

  it.runIf(databaseKind() === 'sqlite')('come from indexes on SQLite (query plans)', () => {
    const db = new DatabaseSync(cms.databaseUri.replace(/^file:/, ''), { readOnly: true })
    try {
      const plan = (query: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((row) => row.detail).join(' | ')
      // The stock figures: read from the covering index alone, already grouped by quantity.
      expect(
        plan("SELECT quantity, count(*) AS items, sum(price) AS price_sum FROM items WHERE _status = 'published' GROUP BY quantity"),
      ).toMatch(/^SEARCH items USING COVERING INDEX items_status_quantity_price_idx \(_status=\?\)$/)
      // Edits per day: a range of the versions' created_at index.
      expect(
        plan("SELECT substr(created_at, 1, 10) AS day, count(*) AS edits FROM _items_v WHERE created_at >= '2026-01-01' GROUP BY day"),
      ).toMatch(/SEARCH _items_v USING COVERING INDEX _items_v_created_at_idx \(created_at>\?\)/)
    } finally {
      db.close()
    }
  })
})

describe('a low-stock crossing without SMTP (local mode)', () => {
  it('writes the alert to the log instead of sending it', async () => {
    const patched = await rest(cms.url, `items/${ids['Milo Tin 400 g']}`, {
      method: 'PATCH',
      token: callers.adminToken,
      body: { quantity: 2 },
    })
    expect(patched.status).toBe(200)
    await expect
      .poll(() => cms.output())
      .toMatch(/Email not sent \((no SMTP_HOST|nobody to send it to)[^)]*\): Low stock: Milo Tin 400 g \(2 left\)/)
  })
})
