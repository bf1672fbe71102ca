import { describe, expect, it } from 'vitest'

import { purgeSecretProblems, SECRET_MIN_LENGTH, secretWeakness } from './secrets.ts'

describe('production secrets', () => {
  it('accepts a random 32-byte hex secret', () => {
    expect(secretWeakness('3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a')).toBeUndefined()
  })

  it('refuses one shorter than the minimum, saying how long it must be', () => {
    expect(secretWeakness('a1b2c3d4e5f6')).toContain(String(SECRET_MIN_LENGTH))
  })

  it.each(['a'.repeat(40), 'abcabcabcabcabcabcabcabcabcabcabcabc', '0123012301230123012301230123012301'])(
    'refuses a typed-in filler (%s)',
    (secret) => {
      expect(secretWeakness(secret)).toMatch(/repetitive/)
    },
  )

  it('names REVALIDATE_SECRET when it is missing or weak, and nothing when it is fine', () => {
    expect(purgeSecretProblems(undefined)[0]).toMatch(/^REVALIDATE_SECRET is not set/)
    expect(purgeSecretProblems('short')[0]).toMatch(/^REVALIDATE_SECRET must be at least/)
    expect(purgeSecretProblems('9e1c4b7a2d5f8e0b3c6a9d2f5e8b1c4a7d0f3e6b')).toEqual([])
  })
})
