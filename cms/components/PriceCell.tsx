'use client'
import type { DefaultCellComponentProps, NumberFieldClient } from 'payload'

import { type Currency, formatMoney } from '../../shared/money'

/** The items list shows prices as Uncle Pat thinks of them, in the shop's currency: $2.50, not 250. */
export const PriceCell = ({ cellData, money }: DefaultCellComponentProps<NumberFieldClient> & { money: Currency }) =>
  typeof cellData === 'number' ? <span>{formatMoney(cellData, money)}</span> : null
