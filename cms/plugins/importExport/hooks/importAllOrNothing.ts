import type { ImportBeforeHook } from '@payloadcms/plugin-import-export/types'
import type { CollectionAfterChangeHook, CollectionSlug, PayloadRequest, Where } from 'payload'

import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import { writeAuditEntry } from '../../../audit'
import { slugOf } from '../../../collections/Items/hooks/slugFromName'
import { IMPORTS, ITEMS } from '../../../slugs'
import { aisleIdsBySlug } from '../aisleSlugs'

/**
 * Imports are all or nothing. The import-export plugin writes each row on its own and keeps going
 * after a bad one, so a file with one malformed row would be half-imported. Before it writes
 * anything, validateEveryRowFirst tries every row in a transaction that is always rolled back
 * (Payload's own validation, hooks and unique checks, exactly as the real write), and checks
 * that no two rows claim the same slug or SKU. One bad row and no row is written: the import is
 * marked failed with each bad row's line and reason.
 */

/** A refused line of an import: its line in the file and why (the admin's ImportProblems shows these). */
export type ImportProblem = { error: string; row: number }
type RowProblem = ImportProblem & { data: Record<string, unknown> }
type ImportRequestData = { importMode?: 'create' | 'update' | 'upsert'; matchField?: string }

/** Line in the file: line 1 is the header, so the first row is line 2. */
const lineOf = (index: number): number => index + 2

function reasonOf(error: unknown): string {
  const fieldErrors = (error as { data?: { errors?: { message: string; path: string }[] } })?.data?.errors
  if (Array.isArray(fieldErrors) && fieldErrors.length > 0) {
    return fieldErrors.map((field) => `${field.path}: ${field.message}`).join('; ')
  }
  return error instanceof Error ? error.message : String(error)
}

/** The slug and SKU a row will end up with, to catch two rows claiming the same one. */
function uniqueKeysOf(row: Record<string, unknown>): [string, string][] {
  const keys: [string, string][] = []
  const slug = typeof row.slug === 'string' && row.slug ? row.slug : typeof row.name === 'string' ? slugOf(row.name) : ''
  if (slug) keys.push(['slug', slug])
  if (typeof row.sku === 'string' && row.sku.trim()) keys.push(['sku', row.sku.trim().toUpperCase()])
  return keys
}

/** Writes one row the way the plugin will, then rolls it back. Returns the reason it fails, if it does. */
async function tryRow(
  req: PayloadRequest,
  collection: CollectionSlug,
  row: Record<string, unknown>,
  { importMode = 'create', matchField = 'id' }: ImportRequestData,
): Promise<null | string> {
  const dryRun = await createLocalReq({ context: { importDryRun: true }, user: req.user ?? undefined }, req.payload)
  await initTransaction(dryRun)
  // Without transactions req.transactionID stays a promise of null (truthy): await it, or the dry
  // run would write every row for real.
  if (!(await dryRun.transactionID)) {
    return 'imports need a database with transactions (SQLite, or MongoDB as a replica set)'
  }
  const local = { collection, overrideAccess: false, req: dryRun, user: req.user } as const
  try {
    const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...data } = row
    const existing =
      importMode === 'create'
        ? undefined
        : (await req.payload.find({ ...local, depth: 0, limit: 1, where: { [matchField]: { equals: row[matchField] } } as Where })).docs[0]
    if (existing) {
      await req.payload.update({ ...local, data: data as never, depth: 0, id: existing.id })
    } else if (importMode === 'update') {
      return `no ${collection} record has ${matchField} "${String(row[matchField])}"`
    } else {
      const status = data._status === 'draft' ? 'draft' : 'published'
      await req.payload.create({ ...local, data: { ...data, _status: status } as never, draft: (status === 'draft') as never })
    }
    return null
  } catch (error) {
    return reasonOf(error)
  } finally {
    if (dryRun.transactionID) await killTransaction(dryRun)
  }
}

/** Import "before" hook (the whole file is one batch): refuses every row if any row is bad. */
export const validateEveryRowFirst: ImportBeforeHook = async ({ data, req }) => {
  const collection = ((req.data as { collectionSlug?: string } | undefined)?.collectionSlug ?? ITEMS) as CollectionSlug
  const options = (req.data ?? {}) as ImportRequestData
  const problems: RowProblem[] = []
  const claimed = new Map<string, number>()
  // An item's aisles come as slugs (a spreadsheet has no ids): the rows get their ids.
  const aisles = collection === ITEMS ? await aisleIdsBySlug(req, data as Record<string, unknown>[]) : undefined
  const rows = aisles?.rows ?? (data as Record<string, unknown>[])
  for (const [index, row] of rows.entries()) {
    const reasons: string[] = []
    if (aisles?.problems[index]) reasons.push(aisles.problems[index])
    for (const [field, value] of uniqueKeysOf(row)) {
      const first = claimed.get(`${field}:${value}`)
      if (first === undefined) claimed.set(`${field}:${value}`, index)
      else reasons.push(`${field}: "${value}" is also on line ${lineOf(first)}`)
    }
    const reason = await tryRow(req, collection, row, options)
    if (reason) reasons.unshift(reason)
    if (reasons.length) problems.push({ data: row, error: reasons.join('; '), row: lineOf(index) })
  }
  if (problems.length === 0) return rows
  req.context.importProblems = problems
  return []
}

/**
 * Imports afterChange, first: commits the uploaded file's record before the rows are written.
 * SQLite has one writer at a time, and the plugin writes each row in a transaction of its own:
 * while the upload's transaction held the lock, those writes could only wait for it.
 */
export const commitImportRecordFirst: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation === 'create' && req.transactionID) await commitTransaction(req)
  return doc
}

/**
 * Imports afterChange, last: a refused file is marked failed with every bad line; each import is
 * written to the audit log with its outcome.
 */
export const reportImport: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const problems = req.context.importProblems as RowProblem[] | undefined
  let result = doc
  if (problems) {
    const summary = { ...doc.summary, imported: 0, issueDetails: problems, issues: problems.length, updated: 0 }
    result = await req.payload.update({
      collection: IMPORTS,
      data: { status: 'failed', summary },
      id: doc.id,
      overrideAccess: true,
      req,
    })
  }
  const { imported = 0, issues = 0, total = 0, updated = 0 } = result.summary ?? {}
  await writeAuditEntry(req, {
    action: 'import',
    changes: problems ? { problems } : undefined,
    collectionSlug: result.collectionSlug,
    detail: `${result.status}: ${total} rows, ${imported} created, ${updated} updated, ${issues} refused`,
    documentId: String(result.id),
    summary: problems
      ? `Import of "${result.filename}" refused: ${problems.length} bad row(s), nothing written`
      : `Imported "${result.filename}" into ${result.collectionSlug}: ${imported} created, ${updated} updated`,
  })
  return result
}
