import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Browser, expect, type Page, test } from '@playwright/test'

import { pngImage } from '../helpers/files'
import { TEST_ADMIN_PASSWORD } from '../helpers/servers'
import { logInToAdmin } from './admin'
import { cmsUrl, shopUrl } from './apps'

/**
 * Uncle Pat's back office in a real browser: the inventory table, the low-stock view, bulk edit
 * and delete, the CSV round trip, a photo upload, and the audit entries all of that leaves; and
 * what a member of staff does not see.
 */

async function api(pathname: string, init: { body?: unknown; method?: string } = {}): Promise<any> {
  const login = await fetch(`${cmsUrl()}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'unclepat', password: TEST_ADMIN_PASSWORD }),
  })
  const { token } = await login.json()
  const response = await fetch(`${cmsUrl()}/api/${pathname}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  return response.json()
}

const row = (page: Page, name: string) => page.locator('.table tbody tr', { hasText: name })
async function tick(page: Page, name: string): Promise<void> {
  const box = row(page, name).locator('input[type="checkbox"]')
  // The list may re-render once more as it settles (and forget a tick made in between).
  await expect(async () => {
    if (!(await box.isChecked())) await box.click({ force: true })
    await expect(box).toBeChecked({ timeout: 1000 })
  }).toPass()
}
const itemNamed = async (name: string) => (await api(`items?where[name][equals]=${encodeURIComponent(name)}&depth=1&draft=true`)).docs[0]

test('the inventory table: default columns, sorting, search, and the low-stock view in one click', async ({ page }) => {
  await logInToAdmin(page)
  // From the dashboard, one click.
  await page.locator('#low-stock-dashboard').click()
  await expect(page).toHaveURL(/quantity.*less_than_equal.*=5/)
  const quantities = page.locator('.table tbody tr td.cell-quantity')
  await expect(quantities.first()).toBeVisible()
  const shown = (await quantities.allInnerTexts()).map(Number)
  expect(shown.length).toBeGreaterThan(0)
  expect(shown.every((quantity) => quantity <= 5)).toBe(true)
  expect(shown).toEqual([...shown].sort((a, b) => a - b)) // fewest first
  // The banner counts them all (the table shows a page of them).
  const { totalDocs } = await api('items?where[quantity][less_than_equal]=5&limit=1&depth=0&draft=true')
  await expect(page.locator('.low-stock--items')).toContainText(`${totalDocs} items need restocking`)

  await page.goto(`${cmsUrl()}/admin/collections/items`)
  const headings = await page.locator('.table thead th').allInnerTexts()
  for (const heading of ['Name', 'SKU', 'Price', 'Quantity in stock', 'Status', 'Updated At']) {
    expect(headings.map((text) => text.trim())).toContain(heading)
  }
  // Sort by quantity: sold-out items (like the demo's isotonic drink) come first.
  await page.locator('.table thead th', { hasText: 'Quantity in stock' }).getByRole('button').first().click()
  await expect(page).toHaveURL(/sort=quantity/)
  await expect(quantities.first()).toHaveText('0')
  const sorted = (await quantities.allInnerTexts()).map(Number)
  expect(sorted).toEqual([...sorted].sort((a, b) => a - b))
  // Search by name.
  await page.locator('.search-filter__input').fill('jasmine')
  await expect(page.locator('.table tbody tr')).toHaveCount(1)
  await expect(page.locator('.table tbody tr').first()).toContainText('Jasmine White Rice 5 kg')
})

/** Audit-log summaries (newest first) that mention `text`, read as an admin over the API. */
const auditSummaries = async (text: string): Promise<string[]> =>
  (await api(`audit-log?where[summary][like]=${encodeURIComponent(text)}&sort=-createdAt&limit=50&depth=0`)).docs.map(
    (entry: { summary: string }) => entry.summary,
  )

test('bulk edit sets the quantity of the ticked items; bulk delete removes them', async ({ page }) => {
  // This test's own items, under names no other test uses.
  const stamp = Date.now()
  const [tea, milk, stale] = [`Bulk Tea ${stamp}`, `Bulk Milk ${stamp}`, `Stale Biscuits ${stamp}`]
  for (const name of [tea, milk, stale])
    await api('items', { method: 'POST', body: { name, price: 100, quantity: 1, _status: 'published' } })
  await logInToAdmin(page)
  // Only this test's items, by name (the list remembers the last sort).
  await page.goto(`${cmsUrl()}/admin/collections/items?limit=200&sort=name&search=${stamp}`)
  await expect(row(page, stale)).toBeVisible()
  for (const name of [tea, milk]) await tick(page, name)
  await page.locator('.list-selection').getByRole('button', { name: 'Edit', exact: true }).click()
  const drawer = page.getByRole('dialog', { name: 'edit-items' })
  await expect(drawer.getByRole('heading', { name: 'Editing 2 Items' })).toBeVisible()
  await drawer.getByRole('combobox').fill('Quantity')
  await page.keyboard.press('Enter')
  await drawer.locator('#field-quantity').fill('99')
  await drawer.getByRole('button', { name: 'Publish changes' }).click()
  await expect(drawer).toBeHidden()
  await expect(row(page, tea).locator('td.cell-quantity')).toHaveText('99')
  await expect(row(page, milk).locator('td.cell-quantity')).toHaveText('99')
  expect((await itemNamed(milk)).quantity).toBe(99)
  expect(await auditSummaries(milk)).toContain(`Updated item "${milk}": quantity`)

  await tick(page, stale)
  await page.locator('.list-selection').getByRole('button', { name: 'Delete', exact: true }).click()
  await page.getByRole('button', { name: 'Confirm' }).click()
  await expect(row(page, stale)).toHaveCount(0)
  expect(await itemNamed(stale)).toBeUndefined()
  expect(await auditSummaries(stale)).toContain(`Deleted item "${stale}"`)
})

test('CSV round trip: export, edit in a spreadsheet, import back; a bad line is shown and nothing changes', async ({ page }) => {
  await logInToAdmin(page)
  await page.goto(`${cmsUrl()}/admin/collections/items?limit=50`)
  await page.locator('.list-controls__popup .popup-button').click()
  await page.getByText('Export Items').click()
  await expect(page.getByText('Creating new Export')).toBeVisible()
  // The whole catalogue, with the ID column to match rows on the way back in.
  await page.locator('#field-limit').fill('')
  await page.getByRole('combobox', { name: 'Fields' }).fill('ID')
  await page.keyboard.press('Enter')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()])
  const file = path.join(os.tmpdir(), `minimart-export-${Date.now()}.csv`)
  await download.saveAs(file)
  const csv = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  const [header, ...rows] = csv.trim().split('\n')
  const columns = header.split(',')
  expect(columns).toEqual(expect.arrayContaining(['id', 'name', 'price', 'quantity']))
  expect(rows.length).toBeGreaterThanOrEqual(20)

  // Uncle Pat sets the chocolate's quantity to 64 in his spreadsheet.
  const chocolate = await itemNamed('Dark Chocolate Bar 100 g')
  const edited = [
    header,
    ...rows.map((line) => {
      const cells = line.split(',')
      if (cells[columns.indexOf('id')] !== String(chocolate.id)) return line
      cells[columns.indexOf('quantity')] = '64'
      return cells.join(',')
    }),
  ].join('\n')
  writeFileSync(file, edited)

  async function startImport(csvFile: string, mode: 'Create' | 'Update'): Promise<void> {
    await page.goto(`${cmsUrl()}/admin/collections/items`)
    await page.locator('.list-controls__popup .popup-button').click()
    await page.getByText('Import Items').click()
    await page.locator('input[type="file"]').setInputFiles(csvFile)
    await page.locator('#field-importMode').getByRole('combobox').fill(mode)
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'Start Import' }).click()
  }

  await startImport(file, 'Update')
  await expect(page.locator('.field-type', { hasText: 'Status' }).first()).toContainText('Completed')
  expect((await itemNamed('Dark Chocolate Bar 100 g')).quantity).toBe(64)
  expect(await auditSummaries(path.basename(file))).toEqual(
    expect.arrayContaining([expect.stringMatching(/^Imported ".*" into items: 0 created, \d+ updated/)]),
  )

  // A file with one bad line: nothing imported, the line and the reason on screen.
  const bad = path.join(os.tmpdir(), `minimart-bad-${Date.now()}.csv`)
  writeFileSync(bad, 'name,price,quantity\nGood Bun,150,5\nBad Bun,12abc,5\n')
  await startImport(bad, 'Create')
  await expect(page.locator('.field-type', { hasText: 'Status' }).first()).toContainText('Failed')
  const problems = page.locator('.import-problems')
  await expect(problems).toContainText('Problems (nothing was imported)')
  await expect(problems.locator('tbody tr')).toHaveCount(1)
  await expect(problems.locator('tbody tr td').first()).toHaveText('3')
  await expect(problems).toContainText('price: Price must be a number')
  expect(await itemNamed('Good Bun')).toBeUndefined()
  expect(await auditSummaries(path.basename(bad))).toEqual(
    expect.arrayContaining([expect.stringMatching(/^Import of ".*" refused: 1 bad row/)]),
  )
})

test('a photo uploaded on the item page is resized and shown with the item, on the shop too', async ({ page }) => {
  const photo = path.join(os.tmpdir(), `minimart-chocolate-${Date.now()}.png`)
  writeFileSync(photo, await pngImage({ width: 1200, height: 900, colour: '#4b2e1e' }))
  await logInToAdmin(page)
  await page.goto(`${cmsUrl()}/admin/collections/items/${(await itemNamed('Dark Chocolate Bar 100 g')).id}`)
  await page.locator('.field-type.upload').getByRole('button', { name: 'Create New' }).click()
  const drawer = page.locator('.drawer__content').last()
  await drawer.locator('input[type="file"]').setInputFiles(photo)
  await drawer.locator('#field-alt').fill('A bar of dark chocolate')
  await drawer.getByRole('button', { name: 'Save' }).click()
  await expect(page.locator('.field-type.upload')).toContainText(/minimart-chocolate/)
  await page.locator('#action-save').click()
  await expect(page.getByText(/successfully/i).first()).toBeVisible()

  const item = await itemNamed('Dark Chocolate Bar 100 g')
  expect(item.image.alt).toBe('A bar of dark chocolate')
  expect(await auditSummaries('A bar of dark chocolate')).toContain('Created image "A bar of dark chocolate"')
  expect(await auditSummaries('Dark Chocolate Bar 100 g')).toContain('Updated item "Dark Chocolate Bar 100 g": image')
  expect(item.image.sizes.card).toMatchObject({ width: 480, height: 360 })
  const card = await fetch(new URL(item.image.sizes.card.url, cmsUrl()))
  expect(card.status).toBe(200)
  expect(card.headers.get('content-type')).toBe('image/webp')

  // The shopper sees the photo (a resized one, loaded by the browser), described by its alt text.
  await page.goto(`${shopUrl()}/items/${item.slug}`)
  const shown = page.getByRole('img', { name: 'A bar of dark chocolate' })
  await expect(shown).toBeVisible()
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
  expect(await shown.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\/api\/media\/file\/minimart-chocolate/)
})

test('the audit log shows who changed what, and its entries cannot be changed', async ({ page }) => {
  // This test's own item: created, its quantity changed to 99, then another of its own deleted.
  const stamp = Date.now()
  const [kept, gone] = [`Audit Noodles ${stamp}`, `Audit Crackers ${stamp}`]
  const created = await api('items', { method: 'POST', body: { name: kept, price: 120, quantity: 3, _status: 'published' } })
  await api(`items/${created.doc.id}`, { method: 'PATCH', body: { quantity: 99 } })
  const doomed = await api('items', { method: 'POST', body: { name: gone, price: 100, quantity: 1, _status: 'published' } })
  await api(`items/${doomed.doc.id}`, { method: 'DELETE' })

  await logInToAdmin(page)
  await page.goto(`${cmsUrl()}/admin/collections/audit-log?limit=100&search=${stamp}`)
  const summaries = page.locator('.table tbody td.cell-summary')
  await expect(summaries.first()).toBeVisible()
  const texts = await summaries.allInnerTexts()
  for (const expected of [`Created item "${kept}"`, `Updated item "${kept}": quantity`, `Deleted item "${gone}"`]) {
    expect(texts, expected).toContain(expected)
  }
  expect(await auditSummaries('unclepat logged in')).not.toHaveLength(0)

  await page
    .locator('.table tbody tr', { hasText: `Updated item "${kept}": quantity` })
    .first()
    .locator('a')
    .first()
    .click()
  const changes = page.locator('.audit-changes')
  await expect(changes.locator('tbody tr', { hasText: 'quantity' })).toContainText('99')
  // Read-only: no save, no delete, fields disabled.
  await expect(page.locator('#action-save')).toHaveCount(0)
  await expect(page.locator('#field-summary')).toBeDisabled()
  const menu = page.locator('.doc-controls__popup .popup-button')
  if ((await menu.count()) > 0) await menu.click()
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0)
})

test('a member of staff edits items but sees no staff accounts, API keys or audit log', async ({ browser }: { browser: Browser }) => {
  await api('users', { method: 'POST', body: { username: 'ahmad', password: 'ahmad-e2e-password', roles: ['staff'] } })
  const page = await browser.newPage()
  await logInToAdmin(page, 'ahmad', 'ahmad-e2e-password')
  await page
    .locator('.nav-toggler, .template-default__nav-toggler, button[aria-label="Open Menu"]')
    .first()
    .click()
    .catch(() => {})
  const nav = page.locator('nav, .nav').first()
  await expect(nav).toContainText('Items')
  for (const hidden of ['Staff', 'API keys', 'Audit log']) await expect(nav).not.toContainText(hidden)
  await page.goto(`${cmsUrl()}/admin/collections/audit-log`)
  await expect(page.locator('.table')).toHaveCount(0)
  const users = await page.request.get(`${cmsUrl()}/api/users?depth=0`, { headers: { 'sec-fetch-site': 'same-origin' } })
  expect((await users.json()).docs.map((user: { username: string }) => user.username)).toEqual(['ahmad'])
  await page.close()
})
