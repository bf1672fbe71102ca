import { describe, expect, it } from 'vitest'

import { validateAisleDescription, validateAisleName, validatePosition } from './validation'

const check = (rule: (value: never, options: never) => unknown, value: unknown) => rule(value as never, {} as never)

describe('aisle field rules', () => {
  it('a name is required, one line, at most 60 characters', () => {
    expect(check(validateAisleName, 'Drinks')).toBe(true)
    expect(check(validateAisleName, '')).toBe('Name is required.')
    expect(check(validateAisleName, 'Tea\nCoffee')).toMatch(/control characters/)
    expect(check(validateAisleName, 'x'.repeat(61))).toBe('Name must be at most 60 characters (it has 61).')
  })

  it('a position is a whole number from 0 to 10 000', () => {
    expect(check(validatePosition, 0)).toBe(true)
    expect(check(validatePosition, 10_000)).toBe(true)
    expect(check(validatePosition, -1)).toBe('Position cannot be negative.')
    expect(check(validatePosition, 2.5)).toBe('Position must be a whole number.')
    expect(check(validatePosition, 10_001)).toBe('Position must be at most 10000.')
    expect(check(validatePosition, undefined)).toBe('Position is required.')
  })

  it('a description is optional, may have line breaks, at most 300 characters', () => {
    expect(check(validateAisleDescription, undefined)).toBe(true)
    expect(check(validateAisleDescription, 'Two lines.\nOf text.')).toBe(true)
    expect(check(validateAisleDescription, 'tab\there')).toMatch(/control characters/)
    expect(check(validateAisleDescription, 'y'.repeat(301))).toBe('Description must be at most 300 characters (it has 301).')
  })
})
