/**
 * SQLite plans from its statistics (cms/database/statistics.ts): the CMS takes them at start
 * when the catalogue has none, and again when a migration has added an index they leave out.
 * SQLite only: MongoDB keeps its own.
 */
import { DatabaseSync } from 'node:sqlite'
import { afterAll, describe, expect, it } from 'vitest'

import { databaseKind } from '../helpers/database'
import { type Cms, productionEnv, startCms, temporarySqliteUri } from '../helpers/servers'

const databaseUri = temporarySqliteUri()
let cms: Cms | undefined
afterAll(() => cms?.stop())

const statistics = () => {
  const database = new DatabaseSync(databaseUri.replace(/^file:/, ''), { readOnly: true })
  try {
    const tables = database.prepare("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'").all()
    if (tables.length === 0) return new Map<string, string>()
    const rows = database.prepare("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'items'").all() as Array<{ idx: string; stat: string }>
    return new Map(rows.map((row) => [row.idx, row.stat]))
  } finally {
    database.close()
  }
}

describe.runIf(databaseKind() === 'sqlite')('SQLite planner statistics', () => {
  it('are taken at start for a catalogue that has none, for every index on items', async () => {
    cms = await startCms({ databaseUri, env: { ...productionEnv(), MINIMART_ENV: 'local', SEED_DEMO: 'true' } })
    const stats = statistics()
    const database = new DatabaseSync(databaseUri.replace(/^file:/, ''), { readOnly: true })
    const indexes = (
      database.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items'").all() as Array<{ name: string }>
    ).map((row) => row.name)
    database.close()
    expect(indexes.length).toBeGreaterThan(5)
    for (const index of indexes) expect(stats.has(index), index).toBe(true)
    // The first number is the table's rows: the demo catalogue.
    const published = await (await fetch(`${cms.url}/api/items/count`)).json()
    expect(Number(stats.get('items_slug_idx')!.split(' ')[0])).toBeGreaterThanOrEqual(published.totalDocs)
    expect(cms.output()).toMatch(/SQLite planner statistics refreshed/)
    await cms.stop()
  })

  it('are taken again at the next start when an index has none (as after a migration)', async () => {
    const database = new DatabaseSync(databaseUri.replace(/^file:/, ''))
    database.exec("DELETE FROM sqlite_stat1 WHERE idx = 'items_slug_idx'")
    database.close()
    expect(statistics().has('items_slug_idx')).toBe(false)
    cms = await startCms({ databaseUri, env: { ...productionEnv() } })
    expect(statistics().has('items_slug_idx')).toBe(true)
    await cms.stop()
    // Nothing changed since: the next start leaves them be.
    cms = await startCms({ databaseUri, env: { ...productionEnv() } })
    expect(cms.output()).not.toMatch(/SQLite planner statistics refreshed/)
  })
})
