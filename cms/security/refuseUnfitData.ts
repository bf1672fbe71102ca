import { getEnabledNodes } from '@payloadcms/richtext-lexical'
import { createHeadlessEditor } from '@payloadcms/richtext-lexical/lexical/headless'
import type { CollectionBeforeOperationHook, Field, PayloadRequest, SanitizedCollectionConfig } from 'payload'
import { APIError, ValidationError } from 'payload'
import { fieldAffectsData, tabHasName } from 'payload/shared'

export type FieldError = { label?: string; message: string; path: string }

/** What the checks need to know about the running CMS. */
type Context = {
  idType: (slug: string) => 'number' | 'text'
  /** Payload's admin writes a preference's owner as {collection, value} (its UI's upsertPreferences). */
  ownerAsCollection?: boolean
}

/** Checks that cannot be made on the value alone (a database lookup, the rich-text editor). */
type Deferred = (req: PayloadRequest) => Promise<FieldError | undefined>

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** "250" and " 2.5 " are numbers; "12abc", "0x10", "Infinity" and "" are not. */
export const isNumberText = (text: string): boolean => {
  const trimmed = text.trim()
  return trimmed !== '' && Number.isFinite(Number(trimmed)) && Number(trimmed) === Number.parseFloat(trimmed)
}
/** A number, or text that is one: what a number field and a numeric `where` take. */
export const isNumberLike = (value: unknown): boolean =>
  (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && isNumberText(value))
const isDate = (value: unknown) =>
  value instanceof Date || (typeof value === 'string' && value !== '' && !Number.isNaN(new Date(value).getTime()))

/** An id as the database stores it: whole numbers on SQLite, text on MongoDB. */
function isId(value: unknown, idType: 'number' | 'text'): boolean {
  if (idType === 'number') {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : ''
    return /^\d+$/.test(text) && Number.isSafeInteger(Number(text))
  }
  return (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isSafeInteger(value))
}

/** No relation: what Payload itself reads as "none" (its forms send ''). */
const isNoRelation = (value: unknown) => value === null || value === '' || value === 'none' || value === 'null'

const labelOf = (field: Field): string | undefined =>
  'label' in field && typeof field.label === 'string' ? field.label : 'name' in field ? field.name : undefined

/** The ids a relationship value names, per collection; undefined if its shape is wrong. */
function relationIds(field: Field & { relationTo: string | string[] }, value: unknown, context: Context): [string, unknown][] | undefined {
  const one = (item: unknown): [string, unknown] | undefined => {
    if (Array.isArray(field.relationTo)) {
      if (!isObject(item)) return undefined
      const relationTo = typeof item.relationTo === 'string' ? item.relationTo : context.ownerAsCollection ? item.collection : undefined
      if (typeof relationTo !== 'string' || !field.relationTo.includes(relationTo)) return undefined
      const id = isObject(item.value) ? item.value.id : item.value
      return isId(id, context.idType(relationTo)) ? [relationTo, id] : undefined
    }
    // A populated document (as a read with depth returns it) stands for its id, as in Payload.
    const id = isObject(item) ? item.id : item
    return isId(id, context.idType(field.relationTo)) ? [field.relationTo, id] : undefined
  }
  const items = 'hasMany' in field && field.hasMany ? (Array.isArray(value) ? value : undefined) : [value]
  if (!items) return undefined
  const ids = items.map(one)
  return ids.every(Boolean) ? (ids as [string, unknown][]) : undefined
}

async function allExist(ids: [string, unknown][], req: PayloadRequest, context: Context): Promise<boolean> {
  for (const [slug, id] of ids) {
    // A number names nothing on MongoDB (ids are text there), and looking it up made a 400 that
    // named no field; so does a text that is no ObjectId ("abc"): Payload refuses that query.
    if (typeof id === 'number' && context.idType(slug) === 'text') return false
    const found = await req.payload.count({ collection: slug as never, req, where: { id: { equals: id } } }).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'QueryError') return { totalDocs: 0 }
      throw error
    })
    if (found.totalDocs === 0) return false
  }
  return true
}

/** Whether every string in a JSON value (keys too) is well-formed UTF-16: no lone surrogate. */
function allTextWellFormed(value: unknown): boolean {
  if (typeof value === 'string') return value.isWellFormed()
  if (Array.isArray(value)) return value.every(allTextWellFormed)
  if (isObject(value)) return Object.entries(value).every(([key, item]) => key.isWellFormed() && allTextWellFormed(item))
  return true
}

/** Whether Lexical itself can load the value with the field's editor. */
function isRichText(value: unknown, field: Field): boolean {
  if (!isObject(value) || !isObject(value.root) || value.root.type !== 'root') return false
  const editorConfig = 'editor' in field && isObject(field.editor) ? (field.editor as { editorConfig?: never }).editorConfig : undefined
  if (!editorConfig) return true // not a Lexical field: its adapter validates
  try {
    // Lexical reports parse errors to onError (and carries on with an empty document) unless told.
    const editor = createHeadlessEditor({
      nodes: getEnabledNodes({ editorConfig }),
      onError: (error) => {
        throw error
      },
    })
    editor.parseEditorState(value as never)
    return true
  } catch {
    return false
  }
}

/**
 * Which JSON values each field type takes, read from the collection's own (sanitized) fields, so a
 * field added later, by us or by a plugin, is covered without a line here. Payload's hooks and
 * database layer assume these shapes and answer a 500 (`val?.trim is not a function`, SQL errors)
 * when a client sends another; refusing them first gives a 400 naming the field.
 * `null` is left to Payload ("clear this field"; required fields refuse it themselves).
 */
export function unfitData(
  fields: Field[],
  data: Record<string, unknown>,
  context: Context,
  prefix = '',
  errors: FieldError[] = [],
  deferred: Deferred[] = [],
): { deferred: Deferred[]; errors: FieldError[] } {
  for (const field of fields) {
    if (field.type === 'row' || field.type === 'collapsible' || (field.type === 'group' && !('name' in field && field.name))) {
      unfitData(field.fields, data, context, prefix, errors, deferred)
      continue
    }
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if (!tabHasName(tab)) unfitData(tab.fields, data, context, prefix, errors, deferred)
        else checkValue({ ...tab, type: 'group' } as Field, data[(tab as { name: string }).name])
      }
      continue
    }
    if (!fieldAffectsData(field) || field.type === 'join') continue
    checkValue(field, data[field.name])
  }
  return { deferred, errors }

  function checkValue(field: Field, value: unknown): void {
    if (value === undefined || !('name' in field)) return
    const path = `${prefix}${field.name}`
    const label = labelOf(field) ?? path
    const refuse = (rule: string) => errors.push({ label, message: `${label} ${rule}`, path })
    if (value === null) {
      // The creation time Payload keeps is NOT NULL in the database (a 500 when cleared).
      if (path === 'createdAt') refuse('cannot be cleared.')
      // Payload reads a named group's fields from it before validating: null is a TypeError (500).
      else if (field.type === 'group') refuse('must be an object of its fields (e.g. {"title": null} clears one).')
      return
    }
    const hasMany = 'hasMany' in field && field.hasMany === true
    const each = (ok: (one: unknown) => boolean) => (hasMany ? Array.isArray(value) && value.every(ok) : ok(value))
    switch (field.type) {
      case 'text':
      case 'textarea':
      case 'email':
      case 'code':
      case 'radio':
      case 'select': {
        if (!each((one) => typeof one === 'string')) return void refuse(hasMany ? 'must be a list of text values.' : 'must be text.')
        if (field.type === 'select' || field.type === 'radio') {
          const options = field.options.map((option) => (typeof option === 'string' ? option : option.value))
          if (!each((one) => options.includes(one as string))) refuse(`must be one of: ${options.join(', ')}.`)
        }
        return
      }
      case 'number':
        if (!each(isNumberLike))
          refuse(hasMany ? 'must be a list of numbers.' : 'must be a number (or text that is all number, e.g. "250").')
        return
      case 'checkbox':
        if (typeof value !== 'boolean') refuse('must be true or false.')
        return
      case 'date':
        if (!isDate(value)) refuse('must be a date, e.g. 2026-11-28T09:30:00.000Z.')
        return
      case 'point':
        if (!(Array.isArray(value) && value.length === 2 && value.every(isNumberLike))) refuse('must be [longitude, latitude].')
        return
      case 'json':
        return
      case 'richText':
        if (!isObject(value)) return void refuse('must be rich text (Lexical JSON, as the API returns it) or null.')
        // Broken text (a lone UTF-16 surrogate) is refused as in names: MongoDB's driver would store
        // it as U+FFFD, so the text read back would differ from the text saved.
        if (!allTextWellFormed(value)) return void refuse('contains broken characters (invalid Unicode).')
        deferred.push(async () =>
          isRichText(value, field)
            ? undefined
            : { label, message: `${label} must be rich text (Lexical JSON, as the API returns it) or null.`, path },
        )
        return
      case 'relationship':
      case 'upload': {
        if (!hasMany && isNoRelation(value)) return
        const ids = relationIds(field, value, context)
        if (!ids) {
          const target = Array.isArray(field.relationTo) ? '{"relationTo": …, "value": id}' : 'an id'
          return void refuse(hasMany ? `must be a list, each ${target}.` : `must be ${target}, or null for none.`)
        }
        // The database would refuse an id that names nothing with a 500 (a foreign key).
        deferred.push(async (req) =>
          (await allExist(ids, req, context)) ? undefined : { label, message: `${label}: there is no document with this id.`, path },
        )
        return
      }
      case 'group':
        if (!isObject(value)) return void refuse('must be an object of its fields.')
        unfitData(field.fields, value, context, `${path}.`, errors, deferred)
        return
      case 'array':
        if (!Array.isArray(value)) return void refuse('must be a list of rows.')
        value.forEach((row, index) => {
          if (!isObject(row))
            errors.push({ label, message: `${label}: each row must be an object of its fields.`, path: `${path}.${index}` })
          else unfitData(field.fields, row, context, `${path}.${index}.`, errors, deferred)
        })
        return
      case 'blocks':
        if (!Array.isArray(value)) return void refuse('must be a list of blocks.')
        value.forEach((row, index) => {
          const block = isObject(row) ? field.blocks.find((candidate) => candidate.slug === row.blockType) : undefined
          if (!block || !isObject(row))
            errors.push({ label, message: `${label}: each block must be an object with a known blockType.`, path: `${path}.${index}` })
          else unfitData(block.fields, row, context, `${path}.${index}.`, errors, deferred)
        })
        return
      default:
        return
    }
  }
}

/** The fields a write to this collection may carry: its own, and the password of an account. */
export function writableFields(collection: SanitizedCollectionConfig): Field[] {
  const auth = collection.auth
  const password: Field[] = auth && !auth.disableLocalStrategy ? [{ name: 'password', type: 'text' }] : []
  return [...collection.fields, ...password]
}

/** The whole check of one write's data; throws Payload's ValidationError naming each bad field. */
export async function refuseUnfitWrite(collection: SanitizedCollectionConfig, data: unknown, req: PayloadRequest): Promise<void> {
  if (!isObject(data)) throw new APIError('The request body must be a JSON object of fields, e.g. {"name": "…"}.', 400, undefined, true)
  const context: Context = {
    ownerAsCollection: collection.slug === 'payload-preferences',
    idType: (slug) => {
      const target = req.payload.collections[slug as keyof typeof req.payload.collections]
      return target?.customIDType === 'number' || (!target?.customIDType && req.payload.db.defaultIDType === 'number') ? 'number' : 'text'
    },
  }
  const { deferred, errors } = unfitData(writableFields(collection), data, context)
  // Lookups only for values whose shape is right, so a refused shape costs no query.
  if (errors.length === 0) {
    for (const check of deferred) {
      const error = await check(req)
      if (error) errors.push(error)
    }
  }
  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors, req }, req.t)
}

/**
 * beforeOperation, first on every collection (cms/security/requestBodies.ts adds it): the data of
 * a create or update, from REST, GraphQL or a plugin, has the JSON types its fields take.
 */
export const refuseUnfitData: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  await refuseUnfitWrite(collection, (args as { data?: unknown }).data, req)
  return args
}
