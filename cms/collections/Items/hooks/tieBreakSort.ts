import type { CollectionBeforeOperationHook } from 'payload'

/**
 * Every list of items (and of aisles) ends its sort with `createdAt` in the direction of its last key
 * (`price` → `price,createdAt`; `-price` → `-price,-createdAt`), so pages never shuffle and the
 * compound indexes (which end with createdAt and can only be read one way or its reverse) serve
 * the whole ORDER BY. Without it Payload appends `-createdAt` whatever the direction, and
 * `ORDER BY price ASC, created_at DESC` is sorted in a temporary B-tree, row by row.
 */
export const tieBreakSort: CollectionBeforeOperationHook = ({ args, collection, operation }) => {
  // findByID is a 'read' too, but has an id and no sort.
  if (operation !== 'read' || 'id' in args) return args
  const keys = sortKeys(args.sort ?? collection.defaultSort)
  if (keys.length === 0 || keys.some((key) => key.replace(/^-/, '') === 'createdAt')) return args
  const descending = keys[keys.length - 1]!.startsWith('-')
  return { ...args, sort: [...keys, descending ? '-createdAt' : 'createdAt'] }
}

/** A Payload sort (`'price,-name'`, a list, or nothing) as its keys. */
export function sortKeys(sort: unknown): string[] {
  const list = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []
  return list
    .filter((key): key is string => typeof key === 'string')
    .map((key) => key.trim())
    .filter(Boolean)
}
