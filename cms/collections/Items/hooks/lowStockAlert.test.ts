import { describe, expect, it } from 'vitest'

import { crossedToLowStock, lowStockMessage } from './lowStockAlert'

describe('crossedToLowStock', () => {
  it('is true only when the quantity goes from above the threshold to at or below it', () => {
    expect(crossedToLowStock(6, 5, 5)).toBe(true)
    expect(crossedToLowStock(12, 0, 5)).toBe(true)
    expect(crossedToLowStock(5, 4, 5)).toBe(false) // already low
    expect(crossedToLowStock(4, 20, 5)).toBe(false) // restock
    expect(crossedToLowStock(9, 6, 5)).toBe(false) // still above
    expect(crossedToLowStock(undefined, 2, 5)).toBe(false) // nothing before (a new item)
  })
})

describe('lowStockMessage', () => {
  it('names one item in the subject, several by count, each with a link to edit it', () => {
    const one = lowStockMessage([{ id: 7, name: 'Milo', quantity: 2 }], 5, 'https://admin.example.com/admin')
    expect(one.subject).toBe('Low stock: Milo (2 left)')
    expect(one.text).toContain('- Milo: 2 left\n  https://admin.example.com/admin/collections/items/7')
    const two = lowStockMessage(
      [
        { id: 1, name: 'Kopi', quantity: 2 },
        { id: 2, name: 'Teh', quantity: 0 },
      ],
      5,
      'http://localhost:3000/admin',
    )
    expect(two.subject).toBe('Low stock: 2 items at 5 or fewer')
    expect(two.text).toContain('Teh: 0 left')
  })
})
