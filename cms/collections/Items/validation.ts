import type { NumberFieldSingleValidation, TextFieldSingleValidation } from 'payload'

/**
 * Field rules for items. Payload runs these on every write through the REST, GraphQL and
 * Local APIs, and the admin panel runs them as the user types, so each message names the field.
 */

export const NAME_MAX_LENGTH = 120
/** S$1,000,000.00: far above anything a minimart sells; stops typos like an extra 000. */
export const PRICE_MAX_CENTS = 100_000_000
export const QUANTITY_MAX = 1_000_000

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** Stock-keeping unit: the shop's own product code, e.g. "KAYA-400". */
export const SKU_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/
export const SKU_MAX_LENGTH = 32

/** Control characters (tabs, line breaks, NUL, …) have no place in a one-line name. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/

export const validateName: TextFieldSingleValidation = (value) => {
  if (value === undefined || value === null || value === '') return 'Name is required.'
  if (typeof value !== 'string') return 'Name must be text.'
  if (value.trim().length === 0) return 'Name cannot be only spaces.'
  if (CONTROL_CHARACTERS.test(value)) return 'Name cannot contain control characters such as tabs or line breaks.'
  if (!value.isWellFormed()) return 'Name contains broken characters (invalid Unicode).'
  if (value.length > NAME_MAX_LENGTH) {
    return `Name must be at most ${NAME_MAX_LENGTH} characters (it has ${value.length}).`
  }
  return true
}

export const validateSlug: TextFieldSingleValidation = (value) => {
  if (value === undefined || value === null || value === '') return 'Slug is required.'
  if (typeof value !== 'string' || !SLUG_PATTERN.test(value)) {
    return 'Slug may contain only lowercase letters, digits and single hyphens, e.g. "milo-3-in-1".'
  }
  if (value.length > NAME_MAX_LENGTH) return `Slug must be at most ${NAME_MAX_LENGTH} characters.`
  return true
}

const wholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value)

/** Prices are integer cents: whole numbers cannot drift the way 0.1 + 0.2 does. */
export const validatePrice: NumberFieldSingleValidation = (value) => {
  if (value === undefined || value === null) return 'Price is required.'
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return 'Price must be a number of cents, e.g. 250 for $2.50.'
  }
  if (value < 0) return 'Price cannot be negative.'
  if (!wholeNumber(value)) {
    return 'Price must be in whole cents: at most 2 decimals in dollars (2.50 is 250 cents).'
  }
  if (value > PRICE_MAX_CENTS) return `Price must be at most ${PRICE_MAX_CENTS} cents ($1,000,000.00).`
  return true
}

export const validateQuantity: NumberFieldSingleValidation = (value) => {
  if (value === undefined || value === null) return 'Quantity in stock is required.'
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'Quantity in stock must be a number.'
  if (value < 0) return 'Quantity in stock cannot be negative.'
  if (!wholeNumber(value)) return 'Quantity in stock must be a whole number.'
  if (value > QUANTITY_MAX) return `Quantity in stock must be at most ${QUANTITY_MAX}.`
  return true
}

/** Optional; when given, capital letters, digits and single hyphens (normalizeSku uppercases it). */
export const validateSku: TextFieldSingleValidation = (value) => {
  if (value === undefined || value === null) return true
  if (typeof value !== 'string' || !SKU_PATTERN.test(value)) {
    return 'SKU may contain only letters, digits and single hyphens, e.g. "KAYA-400".'
  }
  if (value.length > SKU_MAX_LENGTH) return `SKU must be at most ${SKU_MAX_LENGTH} characters.`
  return true
}
