import { describe, expect, it } from 'vitest'

import { NAME_MAX_LENGTH, PRICE_MAX_CENTS, validateName, validatePrice, validateQuantity, validateSku, validateSlug } from './validation'

// Payload passes a second argument (the field's context); these rules look only at the value.
const check = (rule: (value: any, options: any) => unknown, value: unknown) => rule(value, {})

describe('item field rules: each refusal names the field in words', () => {
  it.each([['Kaya Toast'], ['Milo 3-in-1 (18 sticks)'], ['x'.repeat(NAME_MAX_LENGTH)]])('name %j is fine', (name) => {
    expect(check(validateName, name)).toBe(true)
  })

  it.each([
    [undefined, 'Name is required.'],
    ['', 'Name is required.'],
    ['   ', 'Name cannot be only spaces.'],
    [42, 'Name must be text.'],
    ['Tab\there', 'Name cannot contain control characters such as tabs or line breaks.'],
    ['\ud800broken', 'Name contains broken characters (invalid Unicode).'],
    ['x'.repeat(NAME_MAX_LENGTH + 1), `Name must be at most ${NAME_MAX_LENGTH} characters (it has ${NAME_MAX_LENGTH + 1}).`],
  ])('name %j → %s', (name, message) => {
    expect(check(validateName, name)).toBe(message)
  })

  it.each(['milo-3-in-1', 'kaya', 'a1'])('slug %s is fine', (slug) => expect(check(validateSlug, slug)).toBe(true))
  it.each(['Milo', 'double--hyphen', '-lead', 'trail-', 'sp ace', 7])('slug %j is refused', (slug) => {
    expect(check(validateSlug, slug)).toMatch(/^Slug/)
  })

  it.each([0, 250, PRICE_MAX_CENTS])('price %d cents is fine', (price) => expect(check(validatePrice, price)).toBe(true))
  it.each([
    [undefined, /required/],
    ['250', /number of cents/],
    [Number.NaN, /number of cents/],
    [Number.POSITIVE_INFINITY, /number of cents/],
    [-1, /negative/],
    [2.5, /whole cents/],
    [PRICE_MAX_CENTS + 1, /at most/],
  ])('price %j is refused (%s)', (price, message) => {
    expect(check(validatePrice, price)).toMatch(message)
  })

  it.each([
    [-1, /negative/],
    [1.5, /whole number/],
    [null, /required/],
  ])('quantity %j is refused (%s)', (quantity, message) => {
    expect(check(validateQuantity, quantity)).toMatch(message)
  })

  it('SKU is optional; when given, letters, digits and single hyphens', () => {
    expect(check(validateSku, undefined)).toBe(true)
    expect(check(validateSku, 'KAYA-400')).toBe(true)
    expect(check(validateSku, 'KAYA 400')).toMatch(/^SKU may contain only/)
    expect(check(validateSku, 'A'.repeat(33))).toMatch(/at most 32/)
  })
})
