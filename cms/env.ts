import { z } from 'zod'

/**
 * The CMS's environment, checked in one place. `MINIMART_ENV` says what kind of deployment this
 * is (a laptop try-out or a real shop); `NODE_ENV` only says how the code was built.
 */

/** The documented try-out password for `unclepat`; production refuses it. */
export const TRYOUT_ADMIN_PASSWORD = 'unclepat_2023_08'

const envSchema = z
  .object({
    MINIMART_ENV: z
      .enum(['local', 'production'], { error: 'MINIMART_ENV must be "local" or "production".' })
      .default('local'),
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
    // Where the CMS tells the storefront to drop its cache after an edit, and the secret it shows.
    STOREFRONT_URL: z
      .url({ protocol: /^https?$/, error: 'STOREFRONT_URL must be an http(s) address, e.g. http://localhost:4321.' })
      .optional(),
    REVALIDATE_SECRET: z.string().min(1).optional(),
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
    if (!env.STOREFRONT_URL) {
      ctx.addIssue({ code: 'custom', message: 'STOREFRONT_URL is not set: production needs the address where the CMS reaches the storefront.' })
    }
    if (!env.REVALIDATE_SECRET || env.REVALIDATE_SECRET.length < 32) {
      ctx.addIssue({ code: 'custom', message: 'REVALIDATE_SECRET must be set, at least 32 characters, in production (the same value on the storefront).' })
    }
  })
  // A laptop's storefront (npm start); edits are purged only when REVALIDATE_SECRET is set too.
  .transform((env) => ({ ...env, STOREFRONT_URL: env.STOREFRONT_URL ?? 'http://localhost:4321' }))

export type CmsEnv = z.infer<typeof envSchema>

/** Every problem with the environment at once, in plain words, or the parsed environment. */
export function readCmsEnv(source: NodeJS.ProcessEnv = process.env): CmsEnv {
  // Empty strings (as left by `VAR=` in .env) count as unset.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''))
  const result = envSchema.safeParse(present)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => `  - ${issue.message}`).join('\n')
  throw new Error(`Minimart CMS cannot start; fix its configuration:\n${problems}`)
}
