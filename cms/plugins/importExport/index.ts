import path from 'node:path'

import { importExportPlugin } from '@payloadcms/plugin-import-export'
import type { CollectionAfterChangeHook, CollectionBeforeOperationHook, CollectionConfig, Endpoint, Field, Plugin } from 'payload'
import { Forbidden } from 'payload'

import { isStaff } from '../../access/isStaff'
import { nobody } from '../../access/nobody'
import { signedInStaff } from '../../access/signedInStaff'
import { auditExport } from '../../audit'
import { ITEMS } from '../../slugs'
import { missingFileIsNotFound } from '../../uploads/missingFileIsNotFound'
import { commitImportRecordFirst, reportImport, validateEveryRowFirst } from './hooks/importAllOrNothing'
import { neutraliseSpreadsheetFormulas } from './spreadsheetFormulas'

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
      return {
        ...field,
        admin: { ...field.admin, components: { ...field.admin?.components, Field: '/cms/components/ImportProblems#ImportProblems' } },
      }
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

/**
 * Spreadsheet import and export of items (Payload's import-export plugin): CSV, run inside the
 * request (no jobs queue), all-or-nothing imports, staff only, audited; text cells a spreadsheet
 * would run as formulas get a leading ' in exports (and lose it on import).
 */
export const spreadsheets = (): Plugin[] => [
  neutraliseSpreadsheetFormulas([ITEMS]),
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
]
