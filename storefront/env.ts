import { z } from 'zod'

import { LOG_LEVELS } from '../shared/logger.ts'
import { readEnv } from '../shared/env.ts'
import { purgeSecretProblems } from '../shared/secrets.ts'

/**
 * The storefront's environment, checked by storefront/server.ts before the server starts, so that
 * every problem is listed at once in plain words. The pages read the values through astro:env
 * (astro.config.mjs `env.schema`); the defaults here match those.
 */

const whole = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number.` })
    .int(`${name} must be a whole number.`)
    .min(min, `${name} must be at least ${min}.`)
    .max(max, `${name} must be at most ${max}.`)

const envSchema = z
  .object({
    MINIMART_ENV: z
      .enum(['local', 'production'], { error: 'MINIMART_ENV must be "local" or "production".' })
      .default('local'),
    CMS_URL: z
      .url({ protocol: /^https?$/, error: 'CMS_URL must be a full http(s) address of the CMS, e.g. http://cms:3000.' })
      .optional(),
    // The CMS's address as shoppers' browsers see it, for item photos; unset: CMS_URL.
    CMS_PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'CMS_PUBLIC_URL must be a full http(s) address, e.g. https://admin.example.com.' })
      .optional(),
    CMS_TIMEOUT_MS: whole('CMS_TIMEOUT_MS', 1, 60_000).default(3000),
    SHOP_CURRENCY: z
      .string()
      .refine((code) => Intl.supportedValuesOf('currency').includes(code), {
        error: 'SHOP_CURRENCY must be an ISO 4217 currency code such as SGD, MYR or USD.',
      })
      .default('SGD'),
    SHOP_LOCALE: z
      .string()
      .refine(isLocale, { error: 'SHOP_LOCALE must be a locale such as en-SG or ms-MY.' })
      .default('en-SG'),
    LOW_STOCK_THRESHOLD: whole('LOW_STOCK_THRESHOLD', 1, 1_000_000).default(5),
    // Where the shop listens: 127.0.0.1 in local mode, 0.0.0.0 in production (shared/listenHost.ts).
    HOST: z.string().min(1).optional(),
    PORT: whole('PORT', 1, 65535).default(4321),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` }).default('info'),
    // The secret the CMS sends with cache purges (the storefront's revalidate endpoint).
    REVALIDATE_SECRET: z.string().optional(),
    // How long (seconds) CMS answers and rendered pages are reused; edits purge them at once.
    CMS_CACHE_SECONDS: whole('CMS_CACHE_SECONDS', 1, 86_400).default(30),
    // The shop's public address for canonical links, Open Graph and the sitemap.
    SHOP_URL: z
      .url({ protocol: /^https?$/, error: 'SHOP_URL must be a full http(s) address, e.g. https://shop.example.com.' })
      .optional(),
  })

/** What production needs beyond well-formed values, from the raw variables (see cms/env.ts). */
function productionProblems(env: Record<string, string | undefined>): string[] {
  if (env.MINIMART_ENV !== 'production') return []
  const problems: string[] = []
  if (!env.CMS_URL) problems.push('CMS_URL is not set: production needs the address of the CMS (e.g. http://cms:3000).')
  problems.push(...purgeSecretProblems(env.REVALIDATE_SECRET))
  return problems
}

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1
  } catch {
    return false
  }
}

export type ShopEnv = z.infer<typeof envSchema>

/** The variables checked at start; the tests hold astro:env's schema to this list. */
export const SHOP_ENV_NAMES = Object.keys(envSchema.shape)

/** Every problem with the environment at once, in plain words, or the parsed environment. */
export const readShopEnv = (source: NodeJS.ProcessEnv = process.env): ShopEnv => readEnv('storefront', envSchema, productionProblems, source)
