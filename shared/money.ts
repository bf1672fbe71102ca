/**
 * Money, as both apps handle it: prices are integer minor units (cents for SGD), converted to and
 * from decimal text by string arithmetic, so a price never passes through a binary fraction, and
 * formatted by Intl.NumberFormat in the shop's currency (SHOP_CURRENCY, SHOP_LOCALE).
 */

export type Currency = { currency: string; locale: string }

// Each formatter with its currency's digits, read once: resolvedOptions() builds a new object on
// every call, and a catalogue page formats dozens of prices.
const formatters = new Map<string, { format: Intl.NumberFormat; digits: number }>()
function currencyFormat({ currency, locale }: Currency): { format: Intl.NumberFormat; digits: number } {
  const key = `${locale}|${currency}`
  let entry = formatters.get(key)
  if (!entry) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency })
    formatters.set(key, (entry = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 }))
  }
  return entry
}
const formatter = (money: Currency): Intl.NumberFormat => currencyFormat(money).format

/** Digits after the decimal point in this currency (2 for SGD: prices are in cents; 0 for JPY). */
export const fractionDigits = (money: Currency): number => currencyFormat(money).digits

/** "$" for SGD in en-SG, for labels such as "Price ($)". */
export const currencySymbol = (money: Currency): string =>
  formatter(money)
    .formatToParts(0)
    .find((part) => part.type === 'currency')?.value ?? money.currency

/** "2.5" → 250 (with 2 fraction digits). The text must already be a plain decimal amount. */
export function toMinorUnits(amount: string, digits = 2): number {
  const [whole = '', fraction = ''] = amount.split('.')
  return Number(whole || '0') * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
}

/** 250 → "2.50": the plain decimal amount (for URLs, forms, inputs and structured data). */
export function toAmount(minorUnits: number, digits = 2): string {
  if (digits === 0) return String(minorUnits)
  const text = String(Math.abs(minorUnits)).padStart(digits + 1, '0')
  return `${minorUnits < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`
}

/** 250 → "$2.50" in the shop's currency. Intl formats the exact decimal string as it is. */
export const formatMoney = (minorUnits: number, money: Currency): string =>
  formatter(money).format(toAmount(minorUnits, fractionDigits(money)) as `${number}`)
