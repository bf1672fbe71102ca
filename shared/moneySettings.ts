/**
 * SHOP_CURRENCY and SHOP_LOCALE, as both apps' configurations read them: the shop shows prices in
 * this currency, and the admin panel shows and takes them the same way.
 */
import { z } from 'zod'

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1
  } catch {
    return false
  }
}

export const moneySettings = {
  SHOP_CURRENCY: z
    .string()
    .refine((code) => Intl.supportedValuesOf('currency').includes(code), {
      error: 'SHOP_CURRENCY must be an ISO 4217 currency code such as SGD, MYR or USD.',
    })
    .default('SGD'),
  SHOP_LOCALE: z.string().refine(isLocale, { error: 'SHOP_LOCALE must be a locale such as en-SG or ms-MY.' }).default('en-SG'),
}
