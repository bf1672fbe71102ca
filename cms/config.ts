import path from 'node:path'

import { Cron } from 'croner'
import { z } from 'zod'
import { loadRootEnv, presentVariables, readEnv } from '../shared/env.ts'
import { LOG_LEVELS } from '../shared/logger.ts'
import { moneySettings } from '../shared/moneySettings.ts'
import { purgeSecretProblems, secretWeakness } from '../shared/secrets.ts'

/**
 * The CMS's one configuration (`cmsConfig`), parsed from the environment and the root .env in this
 * one place; everything else imports it. `MINIMART_ENV` says what kind of deployment this is (a
 * laptop try-out or a real shop); `NODE_ENV` only says how the code was built.
 */

/** The documented try-out password for `unclepat`; production refuses it. */
export const TRYOUT_ADMIN_PASSWORD = 'unclepat_2023_08'

const ADMIN_PASSWORD_MIN_LENGTH = 12

const flag = (name: string) =>
  z
    .enum(['true', 'false'], { error: `${name} must be "true" or "false".` })
    .default('false')
    .transform((value) => value === 'true')

/** An http(s) address reduced to its origin (https://admin.example.com). */
const origin = (name: string, example: string) =>
  z
    .url({ protocol: /^https?$/, error: `${name} must be a full http(s) address, e.g. ${example}.` })
    .transform((value) => new URL(value).origin)

const positiveInteger = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number.` })
    .int(`${name} must be a whole number.`)
    .positive(`${name} must be greater than 0.`)
    .default(fallback)

/** Whether croner (which runs Payload's jobs queue) accepts the pattern. */
function isCronPattern(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true, sloppyRanges: true }).stop()
    return true
  } catch {
    return false
  }
}

const envSchema = z.object({
  MINIMART_ENV: z.enum(['local', 'production'], { error: 'MINIMART_ENV must be "local" or "production".' }).default('local'),
  /** Where people open the admin panel and the API; the only origin (with SHOP_URL) allowed to use the login cookie. */
  CMS_PUBLIC_URL: origin('CMS_PUBLIC_URL', 'https://admin.example.com').default('http://localhost:3000'),
  /**
   * The shop's public address (as shoppers' browsers see it), allowed by CORS and CSRF. Unset: the
   * local shop of `npm start` in local mode, none in production. (Not STOREFRONT_URL, which is
   * where the CMS itself reaches the shop, e.g. http://storefront:4321 inside docker.)
   */
  SHOP_URL: origin('SHOP_URL', 'https://shop.example.com').optional(),
  /** Uploaded images (default: media/ in the working directory, the repository root); docker-compose mounts a volume here. */
  MEDIA_DIR: z
    .string()
    .min(1)
    .default('media')
    .transform((dir) => path.resolve(dir)),
  /**
   * Shared uploads: with these, the media collection keeps originals and sizes in an S3(-compatible)
   * bucket instead of MEDIA_DIR, so every CMS replica sees every image. All of the required ones or
   * none (s3Problems); S3_ENDPOINT only for a non-AWS server (R2, Spaces, a local test server).
   */
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'S3_ENDPOINT must be an http(s) address, e.g. https://s3.example.com.' }).optional(),
  /** Address buckets as endpoint/bucket (most non-AWS servers) rather than bucket.endpoint. */
  S3_FORCE_PATH_STYLE: flag('S3_FORCE_PATH_STYLE'),
  /** Items with this many or fewer in stock count as low stock (the shop uses the same number). */
  LOW_STOCK_THRESHOLD: positiveInteger('LOW_STOCK_THRESHOLD', 5),
  /**
   * Low-stock alerts by email (cms/collections/Items/hooks/lowStockAlert.ts): sent through SMTP when
   * SMTP_HOST is set, otherwise written to the log. Recipients: LOW_STOCK_ALERT_TO (comma-separated
   * addresses) or, when unset, every admin and member of staff whose account has an email address.
   */
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce
    .number({ error: 'SMTP_PORT must be a port number.' })
    .int('SMTP_PORT must be a port number.')
    .min(1, 'SMTP_PORT must be a port number (1-65535).')
    .max(65535, 'SMTP_PORT must be a port number (1-65535).')
    .default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  /** SMTP over TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: flag('SMTP_SECURE'),
  EMAIL_FROM: z.email({ error: 'EMAIL_FROM must be an email address, e.g. shop@example.com.' }).default('minimart@localhost'),
  LOW_STOCK_ALERT_TO: z
    .string()
    .optional()
    .transform((list) =>
      (list ?? '')
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email({ error: 'LOW_STOCK_ALERT_TO must be email addresses separated by commas.' }))),
  /** How the admin panel shows and takes prices (the shop's currency). */
  ...moneySettings,
  /** Admins must set up two-factor authentication (TOTP) before they can do anything. */
  TOTP_REQUIRED_FOR_ADMINS: flag('TOTP_REQUIRED_FOR_ADMINS'),
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (its last entry). */
  TRUST_PROXY: flag('TRUST_PROXY'),
  /** Login, forgot-password and two-factor attempts allowed per client IP per window. */
  AUTH_RATE_LIMIT: positiveInteger('AUTH_RATE_LIMIT', 10),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: positiveInteger('AUTH_RATE_LIMIT_WINDOW_SECONDS', 60),
  PAYLOAD_SECRET: z
    .string({
      error:
        'PAYLOAD_SECRET is not set. `npm start` writes a random one into .env; elsewhere set it to a long random string (e.g. `openssl rand -hex 32`).',
    })
    .min(1, 'PAYLOAD_SECRET is empty.'),
  DATABASE_URI: z
    .string()
    .regex(/^(file:|mongodb:\/\/|mongodb\+srv:\/\/)/, {
      error: 'DATABASE_URI must start with file: (SQLite), mongodb:// or mongodb+srv://.',
    })
    .optional(),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  SEED_DEMO: z.enum(['true', 'false'], { error: 'SEED_DEMO must be "true" or "false".' }).default('true'),
  CMS_PORT: z.coerce
    .number({ error: 'CMS_PORT must be a port number.' })
    .int('CMS_PORT must be a port number.')
    .min(1, 'CMS_PORT must be a port number (1-65535).')
    .max(65535, 'CMS_PORT must be a port number (1-65535).')
    .default(3000),
  // Where the CMS listens: 127.0.0.1 in local mode, every interface in production (shared/listenHost.ts).
  CMS_HOST: z.string().min(1).optional(),
  // Shared with the storefront, whose purge endpoint the CMS calls when an item changes.
  REVALIDATE_SECRET: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` }).default('info'),
  /**
   * How often each CMS process looks for due jobs (Payload's jobs queue: scheduled publish and
   * unpublish), as a cron pattern with an optional seconds field (croner). Each due job runs once,
   * whichever replica claims it (cms/database/jobClaims.ts).
   */
  JOBS_CRON: z.string().default('*/10 * * * * *').refine(isCronPattern, {
    error: 'JOBS_CRON must be a cron pattern, e.g. "*/10 * * * * *" (every 10 seconds) or "* * * * *" (every minute).',
  }),
  // Where the CMS tells the storefront to drop its cache after an edit (with REVALIDATE_SECRET).
  // Unset in local mode: a laptop's storefront (npm start). Required in production.
  STOREFRONT_URL: z
    .url({ protocol: /^https?$/, error: 'STOREFRONT_URL must be an http(s) address, e.g. http://localhost:4321.' })
    .default('http://localhost:4321'),
})

/**
 * What production needs beyond well-formed values. Looks at the raw variables, so these problems
 * are listed together with any malformed value, not only once the rest is fixed.
 */
function productionProblems(env: Record<string, string | undefined>): string[] {
  if (env.MINIMART_ENV !== 'production') return []
  const problems: string[] = []

  if (env.PAYLOAD_SECRET) {
    const weakness = secretWeakness(env.PAYLOAD_SECRET)
    if (weakness) problems.push(`PAYLOAD_SECRET ${weakness}.`)
  }

  const purgeSecret = purgeSecretProblems(env.REVALIDATE_SECRET)
  problems.push(...purgeSecret)
  if (purgeSecret.length === 0 && env.REVALIDATE_SECRET === env.PAYLOAD_SECRET)
    problems.push('REVALIDATE_SECRET must differ from PAYLOAD_SECRET.')

  if (!env.ADMIN_PASSWORD) {
    problems.push('ADMIN_PASSWORD is not set: production needs the admin password chosen by you.')
  } else if (env.ADMIN_PASSWORD === TRYOUT_ADMIN_PASSWORD) {
    problems.push('ADMIN_PASSWORD is the documented try-out password: production refuses it. Choose your own.')
  } else if (env.ADMIN_PASSWORD.length < ADMIN_PASSWORD_MIN_LENGTH) {
    problems.push(`ADMIN_PASSWORD must be at least ${ADMIN_PASSWORD_MIN_LENGTH} characters in production.`)
  }

  if (!env.STOREFRONT_URL) {
    problems.push('STOREFRONT_URL is not set: production needs the address where the CMS reaches the storefront to purge its cache.')
  }

  // Login cookies are marked Secure in production, and browsers only send those over https.
  if (!env.CMS_PUBLIC_URL) {
    problems.push(
      'CMS_PUBLIC_URL is not set: production needs the https address where the admin panel is reached (e.g. https://admin.example.com).',
    )
  } else if (!env.CMS_PUBLIC_URL.startsWith('https://')) {
    problems.push('CMS_PUBLIC_URL must start with https:// in production: login cookies are Secure and only travel over https.')
  }
  return problems
}

/** The variables without which S3 storage cannot work; the others (endpoint, path style) are optional. */
export const S3_REQUIRED = ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const
const S3_OPTIONAL = ['S3_ENDPOINT', 'S3_FORCE_PATH_STYLE'] as const

/**
 * S3 settings are all or none: half a configuration would silently put uploads on the local disk of
 * one replica, so it is refused at start, naming what is missing.
 */
export function s3Problems(env: Record<string, string | undefined>): string[] {
  // S3_FORCE_PATH_STYLE=false (its default, as .env.example and docker-compose.yml write it) says nothing.
  const given = [...S3_REQUIRED, ...S3_OPTIONAL].filter((name) => env[name] && !(name === 'S3_FORCE_PATH_STYLE' && env[name] === 'false'))
  if (given.length === 0) return []
  const missing = S3_REQUIRED.filter((name) => !env[name])
  if (missing.length === 0) return []
  return [
    `S3 storage is half configured: ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not. Set all of ${S3_REQUIRED.join(', ')} (uploads go to the bucket), or none (uploads go to MEDIA_DIR).`,
  ]
}

/** Where uploads go: an S3 bucket when all its settings are given, else the local folder. */
export type S3Settings = {
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  endpoint?: string
  forcePathStyle: boolean
}

type ParsedEnv = z.infer<typeof envSchema>

/** The CMS's configuration: the parsed environment, plus what is derived from it. */
export type CmsConfig = ParsedEnv & {
  production: boolean
  /** CMS_PUBLIC_URL when it was given (Payload's serverURL); unset locally, so any loopback name works. */
  serverURL: string | undefined
  /** S3 storage for uploads when configured (all of S3_REQUIRED), else undefined: MEDIA_DIR. */
  s3: S3Settings | undefined
}

/** The variables the CMS reads; the tests hold docker-compose.yml to this list. */
export const CMS_CONFIG_NAMES = Object.keys(envSchema.shape)

const withDerived = (env: ParsedEnv, present: Record<string, string>): CmsConfig => ({
  ...env,
  production: env.MINIMART_ENV === 'production',
  serverURL: present.CMS_PUBLIC_URL ? env.CMS_PUBLIC_URL : undefined,
  s3:
    env.S3_BUCKET && env.S3_REGION && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? {
          bucket: env.S3_BUCKET,
          region: env.S3_REGION,
          accessKeyId: env.S3_ACCESS_KEY_ID,
          secretAccessKey: env.S3_SECRET_ACCESS_KEY,
          endpoint: env.S3_ENDPOINT,
          forcePathStyle: env.S3_FORCE_PATH_STYLE,
        }
      : undefined,
})

/**
 * Every problem with the environment at once, in plain words (throws), or the configuration.
 * cms/server.ts runs this before anything else starts, through environmentOrExit.
 */
export function readCmsConfig(source: NodeJS.ProcessEnv = process.env): CmsConfig {
  return withDerived(
    readEnv('CMS', envSchema, (env) => [...s3Problems(env), ...productionProblems(env)], source),
    presentVariables(source),
  )
}

/**
 * The same schema, but a bad or missing value takes its default ('' for a missing secret) instead
 * of failing: for `next build` and the `payload` CLI, which build the configuration without the
 * secrets. A server never runs on these fallbacks, because readCmsConfig refused them at its start.
 */
const lenientSchema = z.object(
  Object.fromEntries(
    Object.entries(envSchema.shape).map(([name, schema]) => {
      const fallback = schema.safeParse(undefined)
      return [name, (schema as z.ZodType).catch(fallback.success ? fallback.data : '')]
    }),
  ),
)

/** The CMS's one configuration: read once, from the environment and the root .env. */
export const cmsConfig: CmsConfig = (() => {
  loadRootEnv()
  const present = presentVariables(process.env)
  return withDerived(lenientSchema.parse(present) as ParsedEnv, present)
})()
