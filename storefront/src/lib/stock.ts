import { shopConfig } from '../config'

export type StockState = { kind: 'in-stock' | 'low' | 'sold-out'; label: string }

/** What a shopper is told about availability: in words, never by colour alone. */
export function stockState(quantity: number): StockState {
  if (quantity <= 0) return { kind: 'sold-out', label: 'Sold out' }
  if (quantity <= shopConfig.LOW_STOCK_THRESHOLD) return { kind: 'low', label: `Only ${quantity} left` }
  return { kind: 'in-stock', label: 'In stock' }
}
