import { z } from 'zod'

import { loadRootEnv, presentVariables, readEnv } from '../../shared/env.ts'
import { LOG_LEVELS } from '../../shared/logger.ts'
import { moneySettings } from '../../shared/moneySettings.ts'
import { purgeSecretProblems } from '../../shared/secrets.ts'

/**
 * The storefront's one configuration (`shopConfig`), parsed from the environment and the root .env
 * in this one place; the pages, lib/ and storefront/server.ts import it. Read at run time, so one
 * build serves any CMS address or currency. storefront/server.ts checks it strictly
 * (readShopConfig: every problem at once, in plain words) before the server starts.
 */

const whole = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number.` })
    .int(`${name} must be a whole number.`)
    .min(min, `${name} must be at least ${min}.`)
    .max(max, `${name} must be at most ${max}.`)

const envSchema = z.object({
  MINIMART_ENV: z.enum(['local', 'production'], { error: 'MINIMART_ENV must be "local" or "production".' }).default('local'),
  CMS_URL: z.url({ protocol: /^https?$/, error: 'CMS_URL must be a full http(s) address of the CMS, e.g. http://cms:3000.' }).optional(),
  // The CMS's address as shoppers' browsers see it, for item photos; unset: CMS_URL.
  CMS_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'CMS_PUBLIC_URL must be a full http(s) address, e.g. https://admin.example.com.' })
    .optional(),
  CMS_TIMEOUT_MS: whole('CMS_TIMEOUT_MS', 1, 60_000).default(3000),
  ...moneySettings,
  LOW_STOCK_THRESHOLD: whole('LOW_STOCK_THRESHOLD', 1, 1_000_000).default(5),
  // Where the shop listens: 127.0.0.1 in local mode, 0.0.0.0 in production (shared/listenHost.ts).
  HOST: z.string().min(1).optional(),
  PORT: whole('PORT', 1, 65535).default(4321),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` }).default('info'),
  // The secret the CMS sends with cache purges (the storefront's revalidate endpoint).
  REVALIDATE_SECRET: z.string().optional(),
  // How long (seconds) CMS answers and rendered pages are reused; edits purge them at once.
  CMS_CACHE_SECONDS: whole('CMS_CACHE_SECONDS', 1, 86_400).default(30),
  // How often (ms) each replica asks the CMS whether the catalogue changed (0: never; then only
  // the CMS's purge, which reaches one address, or CMS_CACHE_SECONDS refresh the caches).
  CATALOGUE_POLL_MS: whole('CATALOGUE_POLL_MS', 0, 60_000).default(500),
  // The shop's public address for canonical links, Open Graph and the sitemap.
  SHOP_URL: z.url({ protocol: /^https?$/, error: 'SHOP_URL must be a full http(s) address, e.g. https://shop.example.com.' }).optional(),
})

/** What production needs beyond well-formed values, from the raw variables (see cms/config.ts). */
function productionProblems(env: Record<string, string | undefined>): string[] {
  if (env.MINIMART_ENV !== 'production') return []
  const problems: string[] = []
  if (!env.CMS_URL) problems.push('CMS_URL is not set: production needs the address of the CMS (e.g. http://cms:3000).')
  problems.push(...purgeSecretProblems(env.REVALIDATE_SECRET))
  return problems
}

type ParsedEnv = z.infer<typeof envSchema>

export type ShopConfig = ParsedEnv & {
  production: boolean
  /** Where the shop reaches the CMS (CMS_URL; locally the CMS of `npm start`). */
  cmsUrl: string
  /** Where shoppers' browsers load item photos from: the CMS's public address; unset: CMS_URL. */
  cmsPublicUrl: string
}

const withDerived = (env: ParsedEnv): ShopConfig => {
  const cmsUrl = (env.CMS_URL ?? 'http://localhost:3000').replace(/\/$/, '')
  return { ...env, production: env.MINIMART_ENV === 'production', cmsUrl, cmsPublicUrl: (env.CMS_PUBLIC_URL ?? cmsUrl).replace(/\/$/, '') }
}

/** The variables the storefront reads; the tests hold docker-compose.yml to this list. */
export const SHOP_CONFIG_NAMES = Object.keys(envSchema.shape)

/** Every problem with the environment at once, in plain words (throws), or the configuration. */
export const readShopConfig = (source: NodeJS.ProcessEnv = process.env): ShopConfig =>
  withDerived(readEnv('storefront', envSchema, productionProblems, source))

/**
 * The same schema, but a bad value takes its default instead of failing (for `astro dev`, which has
 * no start check); the built server never runs on these fallbacks, as readShopConfig refused them.
 */
const lenientSchema = z.object(
  Object.fromEntries(
    Object.entries(envSchema.shape).map(([name, schema]) => {
      const fallback = schema.safeParse(undefined)
      return [name, (schema as z.ZodType).catch(fallback.success ? fallback.data : undefined)]
    }),
  ),
)

/** The storefront's one configuration: read once, from the environment and the root .env. */
export const shopConfig: ShopConfig = (() => {
  loadRootEnv()
  return withDerived(lenientSchema.parse(presentVariables(process.env)) as ParsedEnv)
})()
