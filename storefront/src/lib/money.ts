import { SHOP_CURRENCY, SHOP_LOCALE } from 'astro:env/server'

const formatter = new Intl.NumberFormat(SHOP_LOCALE, { style: 'currency', currency: SHOP_CURRENCY })
const minorUnitsPerMajor = 10 ** (formatter.resolvedOptions().maximumFractionDigits ?? 2)

/** Prices are stored as integer minor units (cents); 250 → "S$2.50". */
export function formatPrice(minorUnits: number): string {
  return formatter.format(minorUnits / minorUnitsPerMajor)
}
