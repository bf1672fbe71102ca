/**
 * One catalogue screen from its URL: the whole catalogue (`/`) and each aisle (`/aisles/<slug>`)
 * read the same search, sort, filters and page from the query string, fetch the same way and
 * answer the same statuses; only where they live and which items they hold differ. The pages
 * render it with components/Catalogue.astro.
 */
import { CACHE_NONE, CACHE_PAGE } from './cacheControl'
import { type CatalogueView, catalogueHref, catalogueSearch, type ParsedCatalogue, parseCatalogue } from './catalogue'
import { type CataloguePage, listItems } from './cms'
import { FRACTION_DIGITS, formatPrice } from './money'
import type { AisleId } from './queries'

/** A filter in effect, with the address that removes it. */
export type Chip = { label: string; href: string }

export type CatalogueScreen = {
  /** Where the screen lives: `/` or `/aisles/<slug>`. */
  path: string
  parsed: ParsedCatalogue
  view: CatalogueView
  hasErrors: boolean
  /** The tidy query string of the view ('' for the default view). */
  tidy: string
  /** The tidy address to redirect to, when the URL spelled the view another way. */
  redirect?: string
  result: CataloguePage | null
  /** A page past the last one: a 404 with a link to the first page. */
  pastTheEnd: boolean
  status: number
  cacheControl: string
  /** The address of the view with `change` applied (back to page 1 unless `change` says otherwise). */
  href: (change: Partial<CatalogueView>) => string
  chips: Chip[]
}

export async function loadCatalogue(url: URL, { path, aisle }: { path: string; aisle?: AisleId }): Promise<CatalogueScreen> {
  const options = { fractionDigits: FRACTION_DIGITS }
  const parsed = parseCatalogue(url.searchParams, options)
  const { view, errors } = parsed
  const hasErrors = Object.keys(errors).length > 0
  const tidy = catalogueSearch(view, options)
  const href = (change: Partial<CatalogueView>) => catalogueHref({ ...view, page: 1, ...change }, { ...options, path })
  const screen = { path, parsed, view, hasErrors, tidy, href, chips: chipsOf(view, href) }

  // One view, one address: a form's empty fields, defaults and mangled links (?page=-3, ?sort=DROP)
  // go to the tidy URL of what is actually shown, so the address bar can be shared as it is.
  if (!hasErrors && tidy !== url.search) {
    return { ...screen, redirect: `${path}${tidy}`, result: null, pastTheEnd: false, status: 302, cacheControl: CACHE_NONE }
  }
  const result = hasErrors ? null : await listItems(view, aisle)
  const pastTheEnd = result !== null && result.items.length === 0 && result.totalItems > 0
  return {
    ...screen,
    result,
    pastTheEnd,
    status: hasErrors ? 400 : pastTheEnd ? 404 : 200,
    // Only a real page may be kept: not the 400 for a mistyped filter, nor the 404 past the last page.
    cacheControl: hasErrors || pastTheEnd ? CACHE_NONE : CACHE_PAGE,
  }
}

/** The filters in effect, each with a link that removes it. */
function chipsOf(view: CatalogueView, href: CatalogueScreen['href']): Chip[] {
  const price = (cents: number) => formatPrice(cents)
  return [
    view.q && { label: `“${view.q}”`, href: href({ q: '' }) },
    view.inStock && { label: 'In stock only', href: href({ inStock: false }) },
    (view.min !== undefined || view.max !== undefined) && {
      label:
        view.min !== undefined && view.max !== undefined
          ? `${price(view.min)} to ${price(view.max)}`
          : view.min !== undefined
            ? `From ${price(view.min)}`
            : `Up to ${price(view.max!)}`,
      href: href({ min: undefined, max: undefined }),
    },
  ].filter((chip): chip is Chip => Boolean(chip))
}
