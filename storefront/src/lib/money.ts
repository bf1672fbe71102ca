import { SHOP_CURRENCY, SHOP_LOCALE } from 'astro:env/server'

import { toAmount } from './catalogue'

const formatter = new Intl.NumberFormat(SHOP_LOCALE, { style: 'currency', currency: SHOP_CURRENCY })

/** "$" for SGD in en-SG, for labels such as "Price range ($)". */
export const CURRENCY_SYMBOL =
  formatter.formatToParts(0).find((part) => part.type === 'currency')?.value ?? SHOP_CURRENCY

/** "Singapore Dollar", for the footer. */
export const CURRENCY_NAME = new Intl.DisplayNames(SHOP_LOCALE, { type: 'currency' }).of(SHOP_CURRENCY) ?? SHOP_CURRENCY

/** Digits after the decimal point in the shop's currency (2 for SGD: prices are in cents). */
export const FRACTION_DIGITS = formatter.resolvedOptions().maximumFractionDigits ?? 2

/** The plain decimal amount of a price in minor units: 250 → "2.50" (exact, by string arithmetic). */
export const priceAmount = (minorUnits: number): string => toAmount(minorUnits, FRACTION_DIGITS)

/**
 * Prices are stored as integer minor units (cents); 250 → "$2.50". Intl formats the decimal
 * string as it is, so no price ever passes through a binary fraction.
 */
export function formatPrice(minorUnits: number): string {
  return formatter.format(priceAmount(minorUnits) as `${number}`)
}
