import type { CollectionAfterChangeHook, CollectionBeforeOperationHook, CollectionConfig, Endpoint, Field, Plugin } from 'payload'

import { importExportPlugin } from '@payloadcms/plugin-import-export'
import path from 'node:path'
import { Forbidden } from 'payload'
import { openapi } from 'payload-oapi'
import { payloadTotp } from 'payload-totp'

import { isStaff } from './access/isStaff'
import { nobody } from './access/nobody'
import { signedInStaff } from './access/signedInStaff'
import { ITEMS, MEDIA, USERS } from './collections/slugs'
import { auditExport } from './hooks/audit'
import { missingFileIsNotFound } from './hooks/missingFileIsNotFound'
import { notFoundForMalformedId } from './hooks/notFoundForMalformedId'
import { commitImportRecordFirst, reportImport, validateEveryRowFirst } from './hooks/importAllOrNothing'
import { refuseUnfitPaging } from './hooks/refuseUnfitPaging'
import { refuseUnfitWhere } from './hooks/refuseUnfitWhere'
import { guardTwoFactorEndpoints } from './security/twoFactor'

/** More rows than a minimart's catalogue will ever have; the whole file is validated as one batch. */
export const IMPORT_MAX_ROWS = 5000

/** The plugin's own endpoints (preview, download) check no access: staff only. */
const staffOnly = (endpoint: Endpoint): Endpoint => ({
  ...endpoint,
  handler: (req) => {
    if (!signedInStaff(req)) throw new Forbidden(req.t)
    return endpoint.handler(req)
  },
})

const staffOnlyCreate: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'create' && !signedInStaff(req)) throw new Forbidden(req.t)
  return args
}

/** Shows the plugin's `summary.issueDetails` (JSON, in a code editor loaded from a CDN) as a table. */
const withProblemsTable = (fields: Field[]): Field[] =>
  fields.map((field) => {
    if (field.type === 'group' && 'name' in field && field.name === 'summary') return { ...field, fields: withProblemsTable(field.fields) }
    if (field.type === 'json' && field.name === 'issueDetails') {
      return { ...field, admin: { ...field.admin, components: { ...field.admin?.components, Field: '/cms/components/ImportProblems#ImportProblems' } } }
    }
    return field
  })

/** The spreadsheet collections (uploaded imports, saved exports): staff only, kept under data/. */
const forStaff =
  (hooks: { after?: CollectionAfterChangeHook[]; before?: CollectionAfterChangeHook[] }) =>
  ({ collection }: { collection: CollectionConfig }): CollectionConfig => ({
    ...collection,
    access: { read: isStaff, create: isStaff, update: nobody, delete: isStaff },
    endpoints: Array.isArray(collection.endpoints) ? collection.endpoints.map(staffOnly) : collection.endpoints,
    fields: withProblemsTable(collection.fields),
    hooks: {
      ...collection.hooks,
      // The plugin exports in beforeOperation, before Payload checks create access.
      beforeOperation: [staffOnlyCreate, ...(collection.hooks?.beforeOperation ?? [])],
      afterChange: [...(hooks.before ?? []), ...(collection.hooks?.afterChange ?? []), ...(hooks.after ?? [])],
    },
    upload: {
      ...(typeof collection.upload === 'object' ? collection.upload : {}),
      staticDir: path.resolve('data', collection.slug),
      handlers: [missingFileIsNotFound(path.resolve('data', collection.slug))],
    },
  })

/** The OpenAPI document describes how this API really authenticates (see README "The REST API"). */
const describeAuthentication: Plugin = (config) => ({
  ...config,
  endpoints: (config.endpoints ?? [])
    // payload-oapi's password-flow helper logs in without the login's rate limit and audit.
    .filter((endpoint) => endpoint.path !== '/openapi-auth')
    .map((endpoint) =>
      endpoint.path !== '/openapi.json'
        ? endpoint
        : {
            ...endpoint,
            handler: async (req) => {
              const spec = await (await endpoint.handler(req)).json()
              spec.components.securitySchemes = {
                ApiKey: {
                  type: 'apiKey',
                  in: 'header',
                  name: 'Authorization',
                  description:
                    'Staff: `JWT <token>` from POST /api/users/login (reads drafts, writes). ' +
                    'Other programs: `api-clients API-Key <key>` (read-only, published items). ' +
                    'Anonymous callers read published items and images.',
                },
              }
              return Response.json(spec)
            },
          },
    ),
})

/**
 * Every collection (ours and the plugins') refuses `where` operators that do not fit the field
 * and `limit`/`page` values that are not whole numbers with a 400 rather than a database error;
 * an id that cannot exist gets a 404. (What a write may store: cms/security/requestBodies.ts.)
 */
const refuseUnfitInput: Plugin = (config) => ({
  ...config,
  collections: (config.collections ?? []).map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [notFoundForMalformedId, refuseUnfitWhere, refuseUnfitPaging, ...(collection.hooks?.beforeOperation ?? [])],
    },
  })),
})

export function plugins(): Plugin[] {
  return [
    importExportPlugin({
      collections: [
        {
          slug: ITEMS,
          export: { format: 'csv', disableJobsQueue: true },
          import: {
            disableJobsQueue: true,
            batchSize: IMPORT_MAX_ROWS,
            limit: IMPORT_MAX_ROWS,
            hooks: { before: validateEveryRowFirst },
          },
        },
      ],
      overrideExportCollection: forStaff({ after: [auditExport] }),
      overrideImportCollection: forStaff({ before: [commitImportRecordFirst], after: [reportImport] }),
    }),
    openapi({
      openapiVersion: '3.0',
      metadata: {
        title: 'Minimart API',
        version: '1.0.0',
        description: "Uncle Pat's catalogue over REST, with Payload's query syntax (where, sort, limit, page, select, depth).",
      },
      filters: { includeCollections: [ITEMS, MEDIA, USERS], hideInternalCollections: true },
    }),
    describeAuthentication,
    refuseUnfitInput,
    // Last: it wraps every collection. Access stays ours (cms/access/signedInStaff.ts checks TOTP).
    payloadTotp({ collection: USERS, disableAccessWrapper: true, totp: { issuer: 'Minimart' } }),
    guardTwoFactorEndpoints,
  ]
}
