import { describe, expect, it } from 'vitest'

import { adminNeedsTwoFactor, hasAdminRole } from './adminNeedsTwoFactor'

describe('the two-factor rule for admins', () => {
  it('an admin without two-factor must set it up, when it is required', () => {
    expect(adminNeedsTwoFactor({ roles: ['admin'], hasTotp: false }, true)).toBe(true)
    expect(adminNeedsTwoFactor({ roles: ['admin'] }, true)).toBe(true)
  })

  it('not when it is not required, not once set up, and never for staff or nobody', () => {
    expect(adminNeedsTwoFactor({ roles: ['admin'], hasTotp: false }, false)).toBe(false)
    expect(adminNeedsTwoFactor({ roles: ['admin'], hasTotp: true }, true)).toBe(false)
    expect(adminNeedsTwoFactor({ roles: ['staff'], hasTotp: false }, true)).toBe(false)
    expect(adminNeedsTwoFactor(null, true)).toBe(false)
  })

  it('roles decide who is an admin (an API key has none)', () => {
    expect(hasAdminRole({ roles: ['staff', 'admin'] })).toBe(true)
    expect(hasAdminRole({ roles: null })).toBe(false)
    expect(hasAdminRole(undefined)).toBe(false)
  })
})
