import type { CollectionBeforeOperationHook, Where } from 'payload'

type Queried = { flattenedFields?: Queried[]; hasMany?: boolean; name: string; relationTo?: unknown; type: string }

import { APIError, QueryError } from 'payload'

import { isNumberLike } from '../../../security/refuseUnfitData'

/** Operators that only make sense on `point` fields. */
const POINT_OPERATORS = new Set(['intersects', 'near', 'within'])
const LIST_OPERATORS = new Set(['all', 'in', 'not_in'])
const RELATION_OPERATORS_PAYLOAD_SANITIZES = new Set(['contains', 'equals', 'like', 'not_equals'])

const isDate = (value: unknown) => (typeof value === 'string' || typeof value === 'number') && !Number.isNaN(new Date(value).getTime())
const isObjectIdText = (value: unknown) => typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value)
const isNull = (value: unknown) => value === null || value === 'null'
const isScalar = (value: unknown) => value === null || ['boolean', 'number', 'string'].includes(typeof value)

/** Whether `value` (one value or a list) fits what the field stores. */
function fits(field: Queried, numericIds: boolean, operator: string, value: unknown): boolean {
  if (!LIST_OPERATORS.has(operator) && !isScalar(value)) return false
  const values = Array.isArray(value) ? value : LIST_OPERATORS.has(operator) && typeof value === 'string' ? value.split(',') : [value]
  if (!values.every(isScalar)) return false
  const relation = field.type === 'relationship' || field.type === 'upload'
  if (relation || field.name === 'id') {
    if (numericIds) return values.every((one) => isNull(one) || isNumberLike(one))
    // MongoDB's ids are ObjectIds. For a relationship Payload itself drops a malformed one for
    // some operators; otherwise (and for `id` with a comma in it) mongoose throws (a 500) when it
    // cannot cast the value.
    return (relation && RELATION_OPERATORS_PAYLOAD_SANITIZES.has(operator)) || values.every((one) => isNull(one) || isObjectIdText(one))
  }
  if (field.type === 'date') return values.every((one) => isNull(one) || isDate(one))
  // The same cast on MongoDB for a number field compared with "abc". A lone "" passes: it reads
  // as 0, and the admin panel sends it for a filter still being typed.
  if (field.type === 'number')
    return values.every((one) => isNull(one) || (one === '' && !LIST_OPERATORS.has(operator)) || isNumberLike(one))
  return true
}

/**
 * beforeOperation for every collection: a `where` whose operator or value cannot apply to the
 * field gets a 400 naming the path. Payload checks that paths and operators exist, not that they
 * fit, and the database layer then fails with a 500: `near` on a price, `all` on a one-value field,
 * `image` or `id` compared with text, a date or a number compared with "abc", `where=abc`, a list or an
 * object where one value belongs.
 */
/** The field a (dotted) path ends on, following relationships and groups; undefined if unknown. */
function fieldAt(path: string, fields: Queried[], collectionFields: (slug: string) => Queried[] | undefined): Queried | undefined {
  const [name, ...rest] = path.split('.')
  const field = name === 'id' ? { name: 'id', type: 'number' } : fields.find((candidate) => candidate.name === name)
  if (!field || rest.length === 0) return field
  const related =
    (field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string'
      ? collectionFields(field.relationTo)
      : field.flattenedFields
  return related ? fieldAt(rest.join('.'), related, collectionFields) : undefined
}

/** How deep `and`/`or` may nest: more than any real filter needs, far less than what overflows the stack. */
export const WHERE_MAX_DEPTH = 10

/** Whether and/or nest deeper than `max` (looks no deeper than that itself). */
function nestsDeeper(node: unknown, max: number): boolean {
  if (!node || typeof node !== 'object') return false
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) {
      if (max === 0) return true
      if (value.some((child) => nestsDeeper(child, max - 1))) return true
    }
  }
  return false
}

export const refuseUnfitWhere: CollectionBeforeOperationHook = ({ args, collection, req }) => {
  const where = (args as { where?: unknown }).where
  if (where === undefined || where === null) return args
  if (typeof where !== 'object' || Array.isArray(where)) throw new QueryError([{ path: 'where' }])
  // Payload walks a `where` recursively: 1 200 levels overflow the stack (a 500).
  if (nestsDeeper(where, WHERE_MAX_DEPTH)) {
    throw new APIError(`where: and/or may nest at most ${WHERE_MAX_DEPTH} levels deep.`, 400, { errors: [{ path: 'where' }] }, true)
  }
  const numericIds = req.payload.db.defaultIDType === 'number'
  const hasVersionField = collection.flattenedFields.some((field) => field.name === 'version')
  const errors: { path: string }[] = []
  const visit = (node: Where): void => {
    for (const [key, constraint] of Object.entries(node)) {
      if (Array.isArray(constraint) && (key === 'and' || key === 'or')) {
        for (const child of constraint) if (child && typeof child === 'object') visit(child as Where)
        continue
      }
      if (!constraint || typeof constraint !== 'object' || Array.isArray(constraint)) {
        errors.push({ path: key })
        continue
      }
      // A versions query names the document's fields under `version`: `where[version.price][…]`
      // arrives as { version: { price: {…} } }. (Payload calls it a "read" like any other.)
      if (key === 'version' && !hasVersionField) {
        visit(Object.fromEntries(Object.entries(constraint).map(([name, value]) => [`version.${name}`, value])) as Where)
        continue
      }
      const field = fieldAt(
        hasVersionField ? key : key.replace(/^version\./, ''),
        collection.flattenedFields as Queried[],
        (slug) => req.payload.collections[slug as keyof typeof req.payload.collections]?.config.flattenedFields as Queried[] | undefined,
      )
      if (!field) continue // Payload refuses unknown paths itself
      for (const [operator, value] of Object.entries(constraint)) {
        const unfit =
          (POINT_OPERATORS.has(operator) && field.type !== 'point') ||
          (operator === 'all' && !field.hasMany) ||
          (operator !== 'exists' && !fits(field, numericIds, operator, value))
        if (unfit) errors.push({ path: `${key}.${operator}` })
      }
    }
  }
  visit(where as Where)
  if (errors.length > 0) throw new QueryError(errors)
  return args
}
