import type { FieldBeforeExportHook, FieldBeforeImportHook } from '@payloadcms/plugin-import-export/types'
import type { Field, Plugin } from 'payload'

/**
 * CSV exports must not carry live spreadsheet formulas (OWASP "CSV Injection"): a name such as
 * `=HYPERLINK("http://evil.example","Click")` would become a working formula in Uncle Pat's
 * spreadsheet. Every text cell that a spreadsheet would read as a formula gets a leading `'`
 * (which spreadsheets show as text); csv-stringify puts the cell in double quotes whenever it
 * holds a comma, quote or line break, so its content cannot spill into a neighbouring cell.
 *
 * The import removes exactly that one `'`, so an export imports back exactly. To keep that
 * unambiguous, text that itself begins with `'` is written with one more, and so is text the CSV
 * reader would otherwise turn into something else (a number such as "-5" or "007", true, false,
 * null): `'-5` reads back as the text "-5", `''quoted` as "'quoted".
 *
 * Numbers, dates, ids and select options are not text a person typed: they are written as they are.
 */

/** First characters that start a formula (with the full-width forms Apple Numbers also accepts), and our own `'`. */
const GUARDED_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20']/
/** What the import-export plugin's CSV reader (parseCSV) would not read back as this text. */
const READ_AS_ANOTHER_TYPE = (text: string): boolean =>
  /^(true|false|null|NULL)$/.test(text) || (text.trim() !== '' && !text.includes(',') && !Number.isNaN(Number(text)))

export const guardCell = (text: string): string => (GUARDED_START.test(text) || READ_AS_ANOTHER_TYPE(text) ? `'${text}` : text)
export const unguardCell = (text: string): string => (text.startsWith("'") ? text.slice(1) : text)

const TEXT_FIELDS = new Set(['text', 'textarea', 'email', 'code'])

type ImportExportCustom = { hooks?: { beforeExport?: FieldBeforeExportHook; beforeImport?: FieldBeforeImportHook } }

/** Adds the two hooks to a text field, after (export) or before (import) any it already has. */
function withCellGuard(field: Field): Field {
  const custom = (field.custom?.['plugin-import-export'] ?? {}) as ImportExportCustom
  const { beforeExport, beforeImport } = custom.hooks ?? {}
  const hooks: ImportExportCustom['hooks'] = {
    beforeExport: (args) => {
      // The field's own hook first (undefined: the value as it is; null: it wrote its own columns).
      const own = beforeExport?.(args)
      const value = own === undefined ? args.value : own
      return args.format === 'csv' && typeof value === 'string' ? guardCell(value) : own
    },
    beforeImport: (args) => {
      const value = args.format === 'csv' && typeof args.value === 'string' ? unguardCell(args.value) : args.value
      return beforeImport ? beforeImport({ ...args, value }) : value
    },
  }
  return { ...field, custom: { ...field.custom, 'plugin-import-export': { ...custom, hooks } } } as Field
}

function guardTextFields(fields: Field[]): Field[] {
  return fields.map((field) => {
    if (TEXT_FIELDS.has(field.type)) return withCellGuard(field)
    if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: guardTextFields(field.fields) } as Field
    if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: guardTextFields(tab.fields) })) }
    if (field.type === 'blocks')
      return { ...field, blocks: field.blocks.map((block) => ({ ...block, fields: guardTextFields(block.fields) })) }
    return field
  })
}

/** Guards every text field of the collections that are exported to and imported from CSV. */
export const neutraliseSpreadsheetFormulas =
  (slugs: string[]): Plugin =>
  (config) => ({
    ...config,
    collections: (config.collections ?? []).map((collection) =>
      slugs.includes(collection.slug) ? { ...collection, fields: guardTextFields(collection.fields) } : collection,
    ),
  })
