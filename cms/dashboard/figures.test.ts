import { describe, expect, it } from 'vitest'

import { bars, CHART_HEIGHT, chartSummary } from './chart'
import { chartDays, stockFigures } from './figures'

describe('stockFigures', () => {
  it('counts on sale, sold out and low stock, and sums price × quantity, from the per-quantity groups', () => {
    const levels = [
      { quantity: 0, items: 2, priceSum: 999 + 150 },
      { quantity: 3, items: 1, priceSum: 100 },
      { quantity: 5, items: 2, priceSum: 500 + 200 },
      { quantity: 12, items: 1, priceSum: 250 },
    ]
    expect(stockFigures(levels, 5)).toEqual({ onSale: 4, soldOut: 2, lowStock: 5, stockValue: 300 + 3500 + 3000 })
  })
  it('is all zeros for an empty shop', () => {
    expect(stockFigures([], 5)).toEqual({ onSale: 0, soldOut: 0, lowStock: 0, stockValue: 0 })
  })
})

describe('chartDays', () => {
  it('gives 30 UTC days ending today, across a month end', () => {
    const days = chartDays(new Date('2026-03-02T23:30:00Z'))
    expect(days).toHaveLength(30)
    expect(days.at(-1)).toBe('2026-03-02')
    expect(days.at(-2)).toBe('2026-03-01')
    expect(days.at(-3)).toBe('2026-02-28')
    expect(days[0]).toBe('2026-02-01')
  })
})

describe('the edits chart', () => {
  const days = [
    { day: '2026-11-28', edits: 0 },
    { day: '2026-11-29', edits: 1 },
    { day: '2026-11-30', edits: 200 },
  ]
  it('scales bars to the busiest day, keeping a day with one edit visible and an empty day empty', () => {
    const [empty, one, busiest] = bars(days)
    expect(empty.height).toBe(0)
    expect(one.height).toBeGreaterThanOrEqual(2)
    expect(busiest.height).toBe(CHART_HEIGHT)
    expect(busiest.y).toBe(0)
    expect(one.x).toBeLessThan(busiest.x)
  })
  it('says in words what it shows', () => {
    expect(chartSummary(days)).toBe('201 item edits in the last 3 days; the busiest day was 2026-11-30 with 200; today 200.')
    expect(chartSummary([{ day: '2026-11-30', edits: 0 }])).toBe('No item was edited in the last 1 days.')
  })
})
