import { shopConfig } from '../config'

import type { ItemDetails } from './cms'

import { priceAmount } from './money'

export const SHOP_NAME = "Uncle Pat's Minimart"

/** The shop's public origin: shopConfig.SHOP_URL when set (behind a proxy), else where the request came. */
export const shopOrigin = (requestUrl: URL): string => (shopConfig.SHOP_URL ?? requestUrl.origin).replace(/\/$/, '')

export const absoluteUrl = (requestUrl: URL, path: string): string => `${shopOrigin(requestUrl)}${path}`

/** schema.org Product with its Offer, for search engines' rich results. */
export function productJsonLd(item: ItemDetails, url: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: item.name,
    url,
    ...(item.summary && { description: item.summary }),
    ...(item.image && { image: item.image.src }),
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
