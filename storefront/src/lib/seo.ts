import { shopConfig } from '../config'

import { aislePath } from './catalogue'
import type { Aisle, Item, ItemCard, ItemDetails } from './cms'
import { type ItemImage, itemImage } from './image'
import { priceAmount } from './money'

export const SHOP_NAME = "Uncle Pat's Minimart"

/** The shop's public origin: shopConfig.SHOP_URL when set (behind a proxy), else where the request came. */
export const shopOrigin = (requestUrl: URL): string => (shopConfig.SHOP_URL ?? requestUrl.origin).replace(/\/$/, '')

export const absoluteUrl = (requestUrl: URL, path: string): string => `${shopOrigin(requestUrl)}${path}`

/** What the item page's head and JSON-LD say about it: the item's SEO fields, or their defaults. */
export type ItemSeo = { title: string; description: string; image: ItemImage | null }

const filled = (text: unknown): string | undefined => (typeof text === 'string' && text.trim() ? text.trim() : undefined)

/**
 * The item's own meta title, description and image (the CMS's "SEO" tab, @payloadcms/plugin-seo),
 * each falling back when empty: to "<name> · <shop>", to the start of the description (the CMS's
 * plain-text summary) or a sentence naming the item, and to the item's photo.
 */
export function itemSeo(
  item: Pick<Item, 'meta' | 'name'>,
  defaults: { summary: string; image: ItemImage | null },
  photoBase: string,
): ItemSeo {
  const meta = item.meta ?? {}
  return {
    title: filled(meta.title) ?? `${item.name} · ${SHOP_NAME}`,
    description: filled(meta.description) ?? (defaults.summary || `${item.name} at ${SHOP_NAME}.`),
    image: itemImage({ name: item.name, image: meta.image }, photoBase) ?? defaults.image,
  }
}

/** schema.org Product with its Offer, for search engines' rich results. */
export function productJsonLd(item: ItemDetails, url: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: item.name,
    url,
    description: item.seo.description,
    ...(item.seo.image && { image: item.seo.image.src }),
    offers: {
      '@type': 'Offer',
      url,
      price: priceAmount(item.price),
      priceCurrency: shopConfig.SHOP_CURRENCY,
      availability: item.quantity > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      seller: { '@type': 'Organization', name: SHOP_NAME },
    },
  }
}

/** JSON for a <script> element: "<" escaped so no text in it can close the element. */
export const scriptJson = (data: unknown): string => JSON.stringify(data).replace(/</g, '\\u003c')

/**
 * An aisle page for search engines: schema.org ItemList (this page's items, numbered from
 * `offset` + 1 as they are on the page) and BreadcrumbList (Shop › aisle).
 */
export function aisleJsonLd(
  requestUrl: URL,
  aisle: Pick<Aisle, 'name' | 'slug'>,
  items: Pick<ItemCard, 'name' | 'slug'>[],
  offset: number,
) {
  return [
    {
      '@context': 'https://schema.org',
      '@type': 'ItemList',
      name: aisle.name,
      url: absoluteUrl(requestUrl, aislePath(aisle.slug)),
      numberOfItems: items.length,
      itemListElement: items.map((item, index) => ({
        '@type': 'ListItem',
        position: offset + index + 1,
        name: item.name,
        url: absoluteUrl(requestUrl, `/items/${item.slug}`),
      })),
    },
    breadcrumbJsonLd(requestUrl, [
      { name: 'Shop', path: '/' },
      { name: aisle.name, path: aislePath(aisle.slug) },
    ]),
  ]
}

/** schema.org BreadcrumbList: where a page sits in the shop. */
export function breadcrumbJsonLd(requestUrl: URL, trail: { name: string; path: string }[]): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: absoluteUrl(requestUrl, crumb.path),
    })),
  }
}
