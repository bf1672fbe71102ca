import { currencySymbol, formatMoney, fractionDigits, toAmount } from '../../../shared/money.ts'
import { shopConfig } from '../config'

/** The shop's currency (SHOP_CURRENCY in SHOP_LOCALE); the arithmetic is shared/money.ts. */
const SHOP_MONEY = { currency: shopConfig.SHOP_CURRENCY, locale: shopConfig.SHOP_LOCALE }

/** "$" for SGD in en-SG, for labels such as "Price range ($)". */
export const CURRENCY_SYMBOL = currencySymbol(SHOP_MONEY)

/** "Singapore Dollar", for the footer. */
export const CURRENCY_NAME = new Intl.DisplayNames(SHOP_MONEY.locale, { type: 'currency' }).of(SHOP_MONEY.currency) ?? SHOP_MONEY.currency

/** Digits after the decimal point in the shop's currency (2 for SGD: prices are in cents). */
export const FRACTION_DIGITS = fractionDigits(SHOP_MONEY)

/** The plain decimal amount of a price in minor units: 250 → "2.50" (exact, by string arithmetic). */
export const priceAmount = (minorUnits: number): string => toAmount(minorUnits, FRACTION_DIGITS)

/** Prices are stored as integer minor units (cents); 250 → "$2.50". */
export const formatPrice = (minorUnits: number): string => formatMoney(minorUnits, SHOP_MONEY)
