/**
 * WCAG 2.2 AA: axe finds nothing on any page type, at phone and desktop widths, and the whole
 * catalogue → filter → item journey works by keyboard alone.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'

import { freePort, startStorefront } from '../helpers/servers'
import { WCAG_AA } from './admin'
import { cmsUrl, shopUrl } from './apps'
import { ensureItems, wafers } from './cms'

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze()
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((node) => node.target.join(' ')).join('\n  ')}`)
  expect(summary, `axe on ${what}`).toEqual([])
}

const pageTypes: Array<[string, string, number]> = [
  ['catalogue', '/', 200],
  ['filtered search', '/?q=wafer&sort=price-asc&inStock=1&min=1&max=3', 200],
  ['second page', '/?q=wafer&page=2', 200],
  ['no results', '/?q=unobtainium&inStock=1', 200],
  ['search with a typo', '/?q=choclate', 200],
  ['did you mean', '/?q=chocolate+xylophone', 200],
  ['mistyped filters (400)', '/?min=abc&max=-1', 400],
  ['item page', '/items/kaya-spread-400-g?q=kaya', 200],
  ['sold-out item page', '/items/isotonic-drink-500-ml', 200],
  ['not found (404)', '/items/no-such-thing', 404],
  ['aisle page', '/aisles/drinks', 200],
  ['aisle page, searched, sorted and filtered', '/aisles/drinks?q=tea&sort=price-asc&inStock=1', 200],
  ['aisle page, mistyped filters (400)', '/aisles/snacks?min=abc', 400],
  ['item page reached from an aisle', '/items/milo-3-in-1-18-sachets?aisle=drinks', 200],
  ['unknown aisle (404)', '/aisles/no-such-aisle', 404],
  ['error page (500)', '/500', 500],
]

test.beforeAll(async () => {
  await ensureItems(cmsUrl(), wafers)
})

for (const width of [375, 1280]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } })

    for (const [what, path, status] of pageTypes) {
      test(`axe: ${what}`, async ({ page }) => {
        expect((await page.goto(shopUrl() + path))?.status()).toBe(status)
        await expectNoViolations(page, what)
      })
    }

    test('axe: the header aisle menu, open', async ({ page }) => {
      await page.goto(`${shopUrl()}/aisles/snacks`)
      await page.getByRole('navigation', { name: 'Aisles' }).locator('summary').click()
      await expect(page.getByRole('navigation', { name: 'Aisles' }).getByRole('link', { name: 'Drinks' })).toBeVisible()
      await expectNoViolations(page, 'the open aisle menu')
    })

    test('axe: the 503 page', async ({ page }) => {
      const shop = await startStorefront(`http://127.0.0.1:${await freePort()}`)
      try {
        expect((await page.goto(shop.url))?.status()).toBe(503)
        await expectNoViolations(page, '503 page')
      } finally {
        await shop.stop()
      }
    })
  })
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 800 } })

  test('the filters fold away behind a button that says what it does, and open by keyboard', async ({ page }) => {
    await page.goto(`${shopUrl()}/?q=wafer`)
    await expect(page.getByLabel('Sort by')).toBeHidden()
    await tabTo(page, page.locator('details.filters > summary'))
    await page.keyboard.press('Enter')
    await expect(page.getByLabel('Sort by')).toBeVisible()
    await expectNoViolations(page, 'open filters on a phone')
  })
})

/** Presses Tab until the element is focused (a keyboard user's path), at most `limit` times. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((element) => element === document.activeElement)) return
  }
  throw new Error(`Tab never reached ${target}`)
}

test('the catalogue → search → filter → item → back journey works by keyboard alone, with visible focus', async ({ page }) => {
  await page.goto(shopUrl())

  // Skip link first, straight to the content.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused()
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeInViewport()

  const search = page.getByRole('searchbox', { name: 'Search the shop' })
  await tabTo(page, search)
  await page.keyboard.type('wafer')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer`)

  const inStock = page.getByLabel('In stock only', { exact: true })
  await tabTo(page, inStock)
  await page.keyboard.press('Space')
  await expect(inStock).toBeChecked()
  await tabTo(page, page.getByRole('button', { name: 'Show items' }))
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer&inStock=1`)

  const item = page.getByRole('link', { name: 'Wafer Roll No. 01' })
  await tabTo(page, item)
  // The focused card is outlined, so a sighted keyboard user sees where they are.
  const outline = await page.locator('li.card[data-item="wafer-roll-no-01"]').evaluate((card) => getComputedStyle(card).outlineStyle)
  expect(outline).not.toBe('none')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(`${shopUrl()}/items/wafer-roll-no-01?q=wafer&inStock=1`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wafer Roll No. 01')

  const back = page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Results for “wafer”' })
  await tabTo(page, back)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(`${shopUrl()}/?q=wafer&inStock=1`)
  await expect(page.getByLabel('In stock only', { exact: true })).toBeChecked()
})
