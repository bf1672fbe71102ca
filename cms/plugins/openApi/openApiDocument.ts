import type { FlattenedField, SanitizedCollectionConfig } from 'payload'

/**
 * Corrections to the OpenAPI document payload-oapi generates (served at /api/openapi.json), so
 * that it validates as OpenAPI 3.0 and lists only what this API really offers.
 */

/** This API has no localization: these query parameters would do nothing. */
const NOT_APPLICABLE_PARAMETERS = new Set(['locale', 'fallback-locale'])
/** The seed always creates the admin account, so Payload's "create the first user" never applies. */
const NOT_APPLICABLE_PATHS = ['/api/users/first-register']

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Parameter = { name?: string; schema?: { anyOf?: { $ref?: string }[]; enum?: string[] } }
type Operation = { parameters?: Parameter[]; responses?: Record<string, { $ref?: string }> }
type Schema = { properties?: Record<string, Json> }
type Spec = {
  components?: { responses?: Record<string, Json>; schemas?: Record<string, Schema> }
  paths?: Record<string, Record<string, Json>>
}
type Collection = Pick<SanitizedCollectionConfig, 'fields' | 'flattenedFields' | 'slug'>

const isObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value)

const isNotApplicableParameter = (parameter: Json): boolean =>
  isObject(parameter) && typeof parameter.name === 'string' && NOT_APPLICABLE_PARAMETERS.has(parameter.name)

/**
 * Walks the whole document: drops the parameters above wherever they are listed (path level,
 * operation level), and `required: []`, which OpenAPI 3.0 forbids (payload-oapi writes it for
 * objects without required properties, such as an image's `sizes`).
 */
function tidy(node: Json): Json {
  if (Array.isArray(node)) return node.map(tidy)
  if (!isObject(node)) return node
  // `where` is `allOf: [{type: object}, {anyOf: …}]`; generators read the bare object as "no
  // properties" (TypeScript: Record<string, never>), which makes every filter a type error.
  const { allOf } = node
  if (
    Array.isArray(allOf) &&
    allOf.length === 2 &&
    isObject(allOf[0]) &&
    Object.keys(allOf[0]).length === 1 &&
    allOf[0].type === 'object'
  ) {
    const { allOf: _bare, ...rest } = node
    return tidy({ ...rest, ...(allOf[1] as Record<string, Json>) })
  }
  const result: Record<string, Json> = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required' && Array.isArray(value) && value.length === 0) continue
    if (key === 'parameters' && Array.isArray(value)) {
      result[key] = value.filter((parameter) => !isNotApplicableParameter(parameter)).map(tidy)
      continue
    }
    result[key] = tidy(value)
  }
  return result
}

/**
 * GET /api/<collection>/{id} answers the document itself, but payload-oapi describes it with the
 * `{message, doc}` answer of a create or update: point it at the document, and describe the 404.
 */
function findByIdAnswersTheDocument(spec: Spec): void {
  const responses = spec.components?.responses ?? {}
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    const get = item.get as Operation | undefined
    const ref = get?.responses?.['200']?.$ref
    const name = /^#\/components\/responses\/Mutate(\w+)Response$/.exec(ref ?? '')?.[1]
    if (!path.endsWith('/{id}') || !get?.responses || !name || !responses[`${name}Response`]) continue
    get.responses['200'] = { $ref: `#/components/responses/${name}Response` }
    if (responses[`${name}NotFoundResponse`]) get.responses['404'] = { $ref: `#/components/responses/${name}NotFoundResponse` }
  }
}

/** The value a `where` operator compares with, by field type (as payload-oapi does for top-level fields). */
function comparedValue(field: FlattenedField): Json | undefined {
  switch (field.type) {
    case 'number':
      return { type: 'number' }
    case 'text':
      return { type: 'string' }
    case 'email':
      return { type: 'string', format: 'email' }
    case 'date':
      return { type: 'string', format: 'date-time' }
    case 'checkbox':
      return { type: 'boolean' }
    case 'radio':
    case 'select':
      return { type: 'string', enum: field.options.map((option) => (typeof option === 'string' ? option : option.value)) }
    default:
      return undefined
  }
}

/**
 * payload-oapi offers `where` and `sort` only on top-level fields; fields laid out side by side in
 * a row (an item's price and quantity, its slug) are just as queryable (see README "The REST API").
 */
function queryableLaidOutFields(spec: Spec, collections: Collection[]): void {
  for (const collection of collections) {
    const list = spec.paths?.[`/api/${collection.slug}`]?.get as Operation | undefined
    const where = list?.parameters?.find((parameter) => parameter.name === 'where')
    const sort = list?.parameters?.find((parameter) => parameter.name === 'sort')
    const name = /^#\/components\/schemas\/(\w+)$/.exec(where?.schema?.anyOf?.[0]?.$ref ?? '')?.[1]
    const operations = name ? spec.components?.schemas?.[name] : undefined
    if (!operations?.properties) continue
    const topLevel = new Set(collection.fields.map((field) => ('name' in field ? field.name : undefined)))
    for (const field of collection.flattenedFields) {
      const value = comparedValue(field)
      if (topLevel.has(field.name) || field.name.startsWith('_') || !value) continue
      const ordered = ['number', 'date'].includes(field.type)
      operations.properties[field.name] = {
        type: 'object',
        properties: {
          equals: value,
          not_equals: value,
          in: { type: 'string' },
          not_in: { type: 'string' },
          ...(field.type === 'text' ? { like: value } : {}),
          ...(field.type === 'text' || field.type === 'email' ? { contains: value } : {}),
          ...(ordered ? { greater_than: value, greater_than_equal: value, less_than: value, less_than_equal: value } : {}),
        },
      }
      if (sort?.schema?.enum && ['number', 'text', 'email', 'date'].includes(field.type))
        sort.schema.enum.push(field.name, `-${field.name}`)
    }
  }
}

/** Describes a query parameter. */
const parameter = (name: string, schema: Record<string, Json>, description: string, required = false): Json => ({
  name,
  in: 'query',
  required,
  description,
  schema,
})

/**
 * GET /api/items/search (cms/collections/Items/search/endpoint.ts), a custom endpoint that
 * payload-oapi cannot see: the typo-forgiving, ranked search, in Payload's page shape plus
 * `suggestions`. Its `where` is the items list's.
 */
function describeItemSearch(spec: Spec): void {
  const list = spec.paths?.['/api/items']?.get as (Operation & { tags?: Json }) | undefined
  if (!spec.paths || !list || !spec.components?.schemas?.Item) return
  const listParameter = (name: string) => list.parameters?.find((candidate) => candidate.name === name) as Json | undefined
  const integer = { type: 'integer' } as const
  spec.paths['/api/items/search'] = {
    get: {
      operationId: 'searchItems',
      summary: 'Search published items, best match first',
      description:
        "Every word of q must match an item's name or description, forgiving one typo per word of 5+ letters, prefixes, " +
        'singular/plural, case, accents and word order. Published items only, for every caller. When nothing matches, ' +
        '`suggestions` lists the closest items ("did you mean").',
      ...(list.tags ? { tags: list.tags } : {}),
      parameters: [
        parameter('q', { type: 'string', minLength: 1, maxLength: 100 }, 'The words to search for.', true),
        parameter('limit', { ...integer, minimum: 1, maximum: 100, default: 10 }, 'Items per page.'),
        parameter(
          'page',
          { ...integer, minimum: 1, maximum: 10000, default: 1 },
          'The page (in order of relevance a search ranks the first 300 matches, filtered by where first; in another sort the first 1 000).',
        ),
        parameter(
          'sort',
          {
            type: 'string',
            enum: ['relevance', 'soldOut,name', 'name', '-name', 'price', '-price', 'createdAt', '-createdAt'],
            default: 'relevance',
          },
          'Best match first (relevance), or another order.',
        ),
        parameter('depth', { ...integer, minimum: 0, maximum: 2, default: 1 }, 'How deep to populate the image.'),
        ...[listParameter('where'), listParameter('select')].filter((one): one is Json => one !== undefined),
      ],
      responses: {
        '200': {
          description: 'One page of matching items, best match first',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['docs', 'totalDocs', 'limit', 'page', 'totalPages', 'hasNextPage', 'hasPrevPage', 'suggestions'],
                properties: {
                  docs: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
                  totalDocs: integer,
                  limit: integer,
                  page: integer,
                  totalPages: integer,
                  pagingCounter: integer,
                  hasNextPage: { type: 'boolean' },
                  hasPrevPage: { type: 'boolean' },
                  nextPage: { ...integer, nullable: true },
                  prevPage: { ...integer, nullable: true },
                  suggestions: {
                    type: 'array',
                    description: 'When nothing matches: the closest items, best first (at most 5).',
                    items: {
                      type: 'object',
                      required: ['name', 'slug'],
                      properties: { name: { type: 'string' }, slug: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
        '400': { description: 'A parameter is missing or out of range; the message names it.' },
      },
    },
  }
}

export function correctOpenApiDocument<T extends Spec>(spec: T, collections: Collection[] = []): T {
  const paths = { ...spec.paths }
  for (const path of NOT_APPLICABLE_PATHS) delete paths[path]
  const corrected = tidy({ ...spec, paths } as Json) as T
  findByIdAnswersTheDocument(corrected)
  queryableLaidOutFields(corrected, collections)
  describeItemSearch(corrected)
  return corrected
}
