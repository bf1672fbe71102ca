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
