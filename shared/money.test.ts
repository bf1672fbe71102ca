import { describe, expect, it } from 'vitest'

import { currencySymbol, formatMoney, fractionDigits, toAmount, toMinorUnits } from './money.ts'

const SGD = { currency: 'SGD', locale: 'en-SG' }
const JPY = { currency: 'JPY', locale: 'ja-JP' }

describe('money in minor units', () => {
  it('converts decimal text to cents and back exactly', () => {
    expect(toMinorUnits('19.99')).toBe(1999) // 19.99 * 100 is 1998.9999999999998 in floating point
    expect(toMinorUnits('2.5')).toBe(250)
    expect(toMinorUnits('.5')).toBe(50)
    expect(toAmount(1999)).toBe('19.99')
    expect(toAmount(5)).toBe('0.05')
    expect(toAmount(-250)).toBe('-2.50')
    expect(toAmount(1200, 0)).toBe('1200')
  })

  it("formats in the shop's currency and locale", () => {
    expect(formatMoney(250, SGD)).toBe('$2.50')
    expect(formatMoney(123456789, SGD)).toBe('$1,234,567.89')
    expect(fractionDigits(SGD)).toBe(2)
    expect(currencySymbol(SGD)).toBe('$')
    expect(fractionDigits(JPY)).toBe(0)
    expect(formatMoney(1200, JPY)).toMatch(/1,200/)
  })
})
