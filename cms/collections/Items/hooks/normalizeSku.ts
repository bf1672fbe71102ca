import type { FieldHook } from 'payload'

/** " kaya-400 " → "KAYA-400"; an empty SKU means none (so it never collides with another empty one). */
export const normalizeSku: FieldHook = ({ value }) => {
  if (typeof value !== 'string') return value
  const sku = value.trim().toUpperCase()
  return sku === '' ? null : sku
}
