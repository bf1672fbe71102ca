import { existsSync } from 'node:fs'
import path from 'node:path'
import type { z } from 'zod'

/** The environment without empty values: `VAR=` in .env counts as unset. */
export const presentVariables = (source: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''))

/**
 * How both apps read their environment: every problem at once, in plain words (the schema's and
 * the production rules', which look at the raw variables so that they are listed together with any
 * malformed value), or the parsed environment.
 */
export function readEnv<Schema extends z.ZodType>(
  app: string,
  schema: Schema,
  productionProblems: (env: Record<string, string>) => string[],
  source: NodeJS.ProcessEnv,
): z.infer<Schema> {
  const env = presentVariables(source)
  const result = schema.safeParse(env)
  const problems = [...(result.error?.issues.map((issue) => issue.message) ?? []), ...productionProblems(env)]
  if (result.success && problems.length === 0) return result.data
  throw new Error(`Minimart ${app} cannot start; fix its configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
}

let rootEnvLoaded = false

/**
 * Loads the one .env at the repository root into process.env (real environment variables win),
 * once per process. Every reader of the configuration goes through here: the apps' config modules,
 * next.config.ts, astro.config.mjs and the scripts.
 */
export function loadRootEnv(): void {
  if (rootEnvLoaded) return
  rootEnvLoaded = true
  // Inside a Next.js bundle this module's own folder is unknown; the servers and npm scripts run
  // from the repository root.
  const rootEnv = import.meta.dirname ? path.resolve(import.meta.dirname, '../.env') : path.resolve('.env')
  if (existsSync(rootEnv)) process.loadEnvFile(rootEnv)
}

/** Prints why the app cannot start, in its own words, and exits 1. */
export function exitWith(error: unknown): never {
  console.error(`\n${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}

/**
 * For an app's server at start: loads the root .env, then reads the environment with `read`; on
 * any problem prints them all and exits 1 before anything else starts.
 */
export function environmentOrExit<Env>(read: () => Env): Env {
  loadRootEnv()
  try {
    return read()
  } catch (error) {
    exitWith(error)
  }
}
