import type { z } from 'zod'

import { existsSync } from 'node:fs'
import path from 'node:path'

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

/**
 * For an app's server at start: loads the one .env at the repository root (real environment
 * variables win), then reads the environment with `read`; on any problem prints them all and
 * exits 1 before anything else starts.
 */
export function environmentOrExit<Env>(read: () => Env): Env {
  const rootEnv = path.resolve(import.meta.dirname, '../.env')
  if (existsSync(rootEnv)) process.loadEnvFile(rootEnv)
  try {
    return read()
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
}
