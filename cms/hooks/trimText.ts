import type { FieldHook } from 'payload'

/** Trims text fields before validation, so "  Milo  " is stored as "Milo". */
export const trimText: FieldHook = ({ value }) => (typeof value === 'string' ? value.trim() : value)
