'use client'
import type { DefaultCellComponentProps, NumberFieldClient } from 'payload'

import React from 'react'

/** The items list shows prices as Uncle Pat thinks of them: $2.50, not 250. */
export const PriceCell = ({ cellData }: DefaultCellComponentProps<NumberFieldClient>) =>
  typeof cellData === 'number' ? <span>${(cellData / 100).toFixed(2)}</span> : null
