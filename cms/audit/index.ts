import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  FlattenedField,
  PayloadRequest,
  SanitizedCollectionConfig,
} from 'payload'

import type { AuditLog as AuditEntry } from '../payload-types'
import { clientIp } from '../security/clientIp'
import { AUDIT_LOG } from '../slugs'

/** Never copied into the audit log, whatever collection they appear in. */
const SECRET_FIELDS = new Set([
  'password',
  'hash',
  'salt',
  'resetPasswordToken',
  'resetPasswordExpiration',
  '_verificationToken',
  'apiKey',
  'apiKeyIndex',
  'totpSecret',
  'sessions',
  'loginAttempts',
  'lockUntil',
])
/** Bookkeeping that changes on every save and says nothing about what the user did. */
const NOISE_FIELDS = new Set(['updatedAt', 'createdAt', 'sizes', 'url', 'thumbnailURL'])
const LONGEST_VALUE = 500

type Entry = Omit<AuditEntry, 'actor' | 'actorId' | 'actorType' | 'createdAt' | 'id' | 'ip' | 'updatedAt'>
/** One changed field of an update, as the audit entry stores it (and AuditChanges shows it). */
export type Change = { after: unknown; before: unknown; field: string }

/** Who is behind a request: a member of staff, an API key, or the CMS itself (seed, jobs). */
export function actorOf(req: PayloadRequest): Pick<AuditEntry, 'actor' | 'actorId' | 'actorType'> {
  const user = req.user as (Record<string, unknown> & { collection?: string; id: number | string }) | null
  if (!user) return { actor: 'system', actorType: 'system' }
  if (user.collection === 'api-clients') {
    return { actor: `API key "${String(user.name ?? user.id)}"`, actorId: String(user.id), actorType: 'api-key' }
  }
  return { actor: String(user.username ?? user.id), actorId: String(user.id), actorType: 'staff' }
}

/**
 * Writes one entry with the request's `req`, so inside the same database transaction as the
 * action: if the entry cannot be written, the action fails and is rolled back.
 */
export async function writeAuditEntry(
  req: PayloadRequest,
  entry: Entry & Partial<Pick<AuditEntry, 'actor' | 'actorId' | 'actorType'>>,
): Promise<void> {
  await req.payload.create({
    collection: AUDIT_LOG,
    data: { ...actorOf(req), ip: clientIp(req) ?? undefined, ...entry },
    overrideAccess: true,
    req,
  })
}

const titleOf = (collection: SanitizedCollectionConfig, doc: Record<string, unknown>): string => {
  const title = doc[collection.admin?.useAsTitle ?? 'id'] ?? doc.filename ?? doc.id
  return String(title)
}

const label = (collection: SanitizedCollectionConfig): string => {
  const singular = collection.labels?.singular
  return typeof singular === 'string' ? singular.toLowerCase() : collection.slug
}

/** A value as an auditor wants to read it: ids for relations, plain text for rich text, short. */
function readable(field: FlattenedField, value: unknown): unknown {
  if (value === undefined) return null
  if (field.type === 'richText' && value && typeof value === 'object') {
    value = convertLexicalToPlaintext({ data: value as never })
  }
  if ((field.type === 'upload' || field.type === 'relationship') && value && typeof value === 'object') {
    value = Array.isArray(value)
      ? value.map((one) => (one && typeof one === 'object' && 'id' in one ? one.id : one))
      : 'id' in value
        ? value.id
        : value
  }
  if (typeof value === 'string' && value.length > LONGEST_VALUE) {
    return `${value.slice(0, LONGEST_VALUE)}… (${value.length} characters)`
  }
  return value
}

/**
 * Each top-level field whose value changed, without secrets or bookkeeping, nor hidden fields
 * (kept by hooks for the database, e.g. the items' search keys, and never shown to anyone).
 */
export function changedFields(
  collection: SanitizedCollectionConfig,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Change[] {
  return collection.flattenedFields
    .filter((field) => !SECRET_FIELDS.has(field.name) && !NOISE_FIELDS.has(field.name) && !('hidden' in field && field.hidden))
    .map((field) => ({ after: readable(field, after[field.name]), before: readable(field, before[field.name]), field: field.name }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after))
}

/** afterChange for audited collections: one entry per create or update, with the changed fields. */
export const auditChange: CollectionAfterChangeHook = async ({ collection, data, doc, operation, previousDoc, req }) => {
  // A caller's `select` trims `doc` to the fields it asked for: a field left out kept the value
  // it was sent with, or else the one it had.
  const sent = Object.fromEntries(Object.entries(data ?? {}).filter(([, value]) => value !== undefined))
  const saved: Record<string, unknown> = { ...previousDoc, ...sent, ...doc }
  const title = titleOf(collection, saved)
  if (operation === 'create') {
    await writeAuditEntry(req, {
      action: 'create',
      collectionSlug: collection.slug,
      documentId: String(doc.id),
      summary: `Created ${label(collection)} "${title}"`,
    })
    return doc
  }
  const changes = changedFields(collection, previousDoc ?? {}, saved)
  await writeAuditEntry(req, {
    action: 'update',
    changes,
    collectionSlug: collection.slug,
    documentId: String(doc.id),
    summary: `Updated ${label(collection)} "${title}"${changes.length ? `: ${changes.map((change) => change.field).join(', ')}` : ''}`,
  })
  return doc
}

/** afterDelete for audited collections. */
export const auditDelete: CollectionAfterDeleteHook = async ({ collection, doc, id, req }) => {
  await writeAuditEntry(req, {
    action: 'delete',
    collectionSlug: collection.slug,
    documentId: String(id),
    summary: `Deleted ${label(collection)} "${titleOf(collection, doc)}"`,
  })
  return doc
}

/** Exports afterChange: a saved CSV export of the catalogue is recorded too. */
export const auditExport: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  await writeAuditEntry(req, {
    action: 'export',
    collectionSlug: doc.collectionSlug,
    documentId: String(doc.id),
    summary: `Exported ${doc.collectionSlug} to "${doc.filename ?? doc.name}"`,
  })
  return doc
}
