'use client'
import type { NumberFieldClientComponent } from 'payload'

import { FieldDescription, FieldError, FieldLabel, useField } from '@payloadcms/ui'
import React, { useState } from 'react'

const toDollars = (cents: null | number | undefined): string =>
  typeof cents === 'number' && Number.isFinite(cents) ? (cents / 100).toFixed(2) : ''

/** "2.5" → 250. Anything else becomes a value the server-side rule rejects with its own message. */
const toCents = (text: string): null | number => {
  const trimmed = text.trim().replace(/^\$/, '')
  if (trimmed === '') return null
  const dollars = Number(trimmed)
  if (!Number.isFinite(dollars)) return Number.NaN
  // Up to two decimals: round away binary noise (2.675 * 100 = 267.49999…). More decimals stay
  // fractional cents so the price rule can say "at most 2 decimal places".
  const decimals = trimmed.split('.')[1]?.length ?? 0
  return decimals <= 2 ? Math.round(dollars * 100) : dollars * 100
}

/**
 * Uncle Pat types dollars ("2.50"); the item stores whole cents (250), so prices never drift.
 */
export const PriceField: NumberFieldClientComponent = ({ field, path: pathFromProps }) => {
  const path = pathFromProps ?? field.name
  const { setValue, showError, value } = useField<null | number>({ path })
  const [text, setText] = useState(() => toDollars(value))
  const inputId = `field-${path.replace(/\./g, '__')}`

  return (
    <div className={`field-type number${showError ? ' error' : ''}`} style={{ flex: '1 1 auto' }}>
      <FieldLabel htmlFor={inputId} label="Price ($)" path={path} required={field.required} />
      <div className="field-type__wrap">
        <FieldError path={path} showError={showError} />
        <input
          id={inputId}
          inputMode="decimal"
          name={path}
          onBlur={() => {
            if (Number.isInteger(value)) setText(toDollars(value))
          }}
          onChange={(event) => {
            setText(event.target.value)
            setValue(toCents(event.target.value))
          }}
          placeholder="0.00"
          type="text"
          value={text}
        />
      </div>
      <FieldDescription
        description="In dollars and cents, e.g. 2.50. Stored as whole cents (250)."
        path={path}
      />
    </div>
  )
}
