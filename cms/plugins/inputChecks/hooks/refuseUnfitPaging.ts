import type { CollectionBeforeOperationHook } from 'payload'

import { APIError } from 'payload'

/**
 * beforeOperation for every collection: `limit` and `page` must be whole numbers the database can
 * take. Payload passes `?limit=1.5`, `?limit=1e400` or `?page=99999999999999999999` on to SQL,
 * which fails with a 500; they get a 400 naming the parameter instead.
 */
export const refuseUnfitPaging: CollectionBeforeOperationHook = ({ args }) => {
  const { limit, page } = args as { limit?: unknown; page?: unknown }
  const problems: { message: string; path: string }[] = []
  const wholeFrom = (path: string, value: unknown, min: number) => {
    if (value === undefined || value === null) return
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      problems.push({ path, message: `${path} must be a whole number from ${min} to ${Number.MAX_SAFE_INTEGER}.` })
    }
  }
  wholeFrom('limit', limit, 0)
  wholeFrom('page', page, 1)
  // The rows skipped to reach the page must be countable too.
  if (problems.length === 0 && typeof limit === 'number' && typeof page === 'number' && (page - 1) * limit > Number.MAX_SAFE_INTEGER) {
    problems.push({ path: 'page', message: `page ${page} of ${limit} rows is beyond any list.` })
  }
  if (problems.length > 0) throw new APIError(problems.map((problem) => problem.message).join(' '), 400, { errors: problems }, true)
  return args
}
