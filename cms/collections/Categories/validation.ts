import type { NumberFieldSingleValidation, TextareaFieldValidation, TextFieldSingleValidation } from 'payload'

/**
 * Field rules for aisles (the categories collection). Payload runs them on every write (REST,
 * GraphQL, Local API) and the admin runs them as Uncle Pat types, so each message names the field.
 */

export const AISLE_NAME_MAX_LENGTH = 60
export const AISLE_DESCRIPTION_MAX_LENGTH = 300
/** Far more aisles than a minimart has; stops a typo like 10000000. */
export const AISLE_POSITION_MAX = 10_000

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/
// Line breaks are fine in a description; other control characters are noise from a paste.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/

export const validateAisleName: TextFieldSingleValidation = (value) => {
  if (value === undefined || value === null || value === '') return 'Name is required.'
  if (typeof value !== 'string') return 'Name must be text.'
  if (value.trim().length === 0) return 'Name cannot be only spaces.'
  if (CONTROL_CHARACTERS.test(value)) return 'Name cannot contain control characters such as tabs or line breaks.'
  if (!value.isWellFormed()) return 'Name contains broken characters (invalid Unicode).'
  if (value.length > AISLE_NAME_MAX_LENGTH) {
    return `Name must be at most ${AISLE_NAME_MAX_LENGTH} characters (it has ${value.length}).`
  }
  return true
}

/** The aisles' order on the shop: a whole number, smallest first. */
export const validatePosition: NumberFieldSingleValidation = (value) => {
  if (value === undefined || value === null) return 'Position is required.'
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'Position must be a number.'
  if (!Number.isSafeInteger(value)) return 'Position must be a whole number.'
  if (value < 0) return 'Position cannot be negative.'
  if (value > AISLE_POSITION_MAX) return `Position must be at most ${AISLE_POSITION_MAX}.`
  return true
}

export const validateAisleDescription: TextareaFieldValidation = (value) => {
  if (value === undefined || value === null || value === '') return true
  if (typeof value !== 'string') return 'Description must be text.'
  if (CONTROL_CHARACTERS_BUT_LINE_BREAKS.test(value)) return 'Description cannot contain control characters such as tabs.'
  if (!value.isWellFormed()) return 'Description contains broken characters (invalid Unicode).'
  if (value.length > AISLE_DESCRIPTION_MAX_LENGTH) {
    return `Description must be at most ${AISLE_DESCRIPTION_MAX_LENGTH} characters (it has ${value.length}).`
  }
  return true
}
