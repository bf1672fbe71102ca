import path from 'node:path'
import { z } from 'zod'

/**
 * The CMS's environment, checked in one place. `MINIMART_ENV` says what kind of deployment this
 * is (a laptop try-out or a real shop); `NODE_ENV` only says how the code was built.
 */

/** The documented try-out password for `unclepat`; production refuses it. */
export const TRYOUT_ADMIN_PASSWORD = 'unclepat_2023_08'

const flag = (name: string) =>
  z.enum(['true', 'false'], { error: `${name} must be "true" or "false".` }).default('false').transform((value) => value === 'true')

const origin = (name: string, fallback: string) =>
  z
    .url({ error: `${name} must be a URL such as ${fallback}.` })
    .default(fallback)
    .transform((value) => new URL(value).origin)

const positiveInteger = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number.` })
    .int(`${name} must be a whole number.`)
    .positive(`${name} must be greater than 0.`)
    .default(fallback)

/** Settings that are not secrets: parsed leniently when the configuration is built (see cmsSettings). */
const settingsShape = {
  MINIMART_ENV: z
    .enum(['local', 'production'], { error: 'MINIMART_ENV must be "local" or "production".' })
    .default('local'),
  /** Where people open the admin panel and the API; the only origin allowed to use the login cookie. */
  CMS_PUBLIC_URL: origin('CMS_PUBLIC_URL', 'http://localhost:3000'),
  /**
   * The shop's public address (as shoppers' browsers see it), allowed by CORS and CSRF. Unset: the
   * local shop of `npm start` in local mode, none in production. (Not STOREFRONT_URL, which is
   * where the CMS itself reaches the shop, e.g. http://storefront:4321 inside docker.)
   */
  SHOP_URL: z.url({ error: 'SHOP_URL must be a URL such as https://shop.example.com.' }).transform((value) => new URL(value).origin).optional(),
  /** Uploaded images (default: media/ in the working directory, the repository root); docker-compose mounts a volume here. */
  MEDIA_DIR: z.string().min(1).default('media').transform((dir) => path.resolve(dir)),
  /** Items with this many or fewer in stock count as low stock (the shop uses the same number). */
  LOW_STOCK_THRESHOLD: positiveInteger('LOW_STOCK_THRESHOLD', 5),
  /** Admins must set up two-factor authentication (TOTP) before they can do anything. */
  TOTP_REQUIRED_FOR_ADMINS: flag('TOTP_REQUIRED_FOR_ADMINS'),
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (its last entry). */
  TRUST_PROXY: flag('TRUST_PROXY'),
  /** Login, forgot-password and two-factor attempts allowed per client IP per window. */
  AUTH_RATE_LIMIT: positiveInteger('AUTH_RATE_LIMIT', 10),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: positiveInteger('AUTH_RATE_LIMIT_WINDOW_SECONDS', 60),
}

const envSchema = z
  .object({
    ...settingsShape,
    PAYLOAD_SECRET: z
      .string({
        error: 'PAYLOAD_SECRET is not set. `npm start` writes a random one into .env; elsewhere set it to a long random string (e.g. `openssl rand -hex 32`).',
      })
      .min(1, 'PAYLOAD_SECRET is empty.'),
    DATABASE_URI: z
      .string()
      .regex(/^(file:|mongodb:\/\/|mongodb\+srv:\/\/)/, {
        error: 'DATABASE_URI must start with file: (SQLite), mongodb:// or mongodb+srv://.',
      })
      .optional(),
    ADMIN_PASSWORD: z.string().min(1).optional(),
    SEED_DEMO: z
      .enum(['true', 'false'], { error: 'SEED_DEMO must be "true" or "false".' })
      .default('true'),
  })
  .superRefine((env, ctx) => {
    if (env.MINIMART_ENV !== 'production') return
    if (env.PAYLOAD_SECRET.length < 32) {
      ctx.addIssue({ code: 'custom', message: 'PAYLOAD_SECRET must be at least 32 characters in production.' })
    }
    if (!env.ADMIN_PASSWORD) {
      ctx.addIssue({ code: 'custom', message: 'ADMIN_PASSWORD is not set: production needs the admin password chosen by you.' })
    } else if (env.ADMIN_PASSWORD === TRYOUT_ADMIN_PASSWORD) {
      ctx.addIssue({ code: 'custom', message: 'ADMIN_PASSWORD is the documented try-out password: production refuses it. Choose your own.' })
    }
  })

export type CmsEnv = z.infer<typeof envSchema>

// Empty strings (as left by `VAR=` in .env) count as unset.
const present = (source: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''))

/** Every problem with the environment at once, in plain words, or the parsed environment. */
export function readCmsEnv(source: NodeJS.ProcessEnv = process.env): CmsEnv {
  const result = envSchema.safeParse(present(source))
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => `  - ${issue.message}`).join('\n')
  throw new Error(`Minimart CMS cannot start; fix its configuration:\n${problems}`)
}

const settingsSchema = z.object(settingsShape)
export type CmsSettings = z.infer<typeof settingsSchema>

/**
 * The non-secret settings, for building the configuration (also by the `payload` CLI, which has no
 * secrets). Bad values fall back to the defaults here: readCmsEnv, run before the server starts,
 * refuses them with a message.
 */
export function cmsSettings(source: NodeJS.ProcessEnv = process.env): CmsSettings {
  const result = settingsSchema.safeParse(present(source))
  return result.success ? result.data : settingsSchema.parse({})
}
