'use client'

import { FieldDescription, FieldError, FieldLabel, useField } from '@payloadcms/ui'
import type { NumberFieldClientProps } from 'payload'
import { useState } from 'react'

import { type Currency, currencySymbol, fractionDigits, toAmount, toMinorUnits } from '../../shared/money'

const shown = (minorUnits: null | number | undefined, digits: number): string =>
  typeof minorUnits === 'number' && Number.isSafeInteger(minorUnits) ? toAmount(minorUnits, digits) : ''

/**
 * "2.5" → 250, by string arithmetic up to the currency's decimals (no binary noise: 2.675 * 100 is
 * 267.49999… in floating point). Anything else becomes a value the server-side price rule refuses
 * with its own message: more decimals stay fractional cents ("at most 2 decimals"), words NaN.
 */
function toMinor(text: string, digits: number): null | number {
  const trimmed = text.trim().replace(/^[A-Z]{0,3}\$\s?/i, '')
  if (trimmed === '') return null
  if (!/^\d*(\.\d*)?$/.test(trimmed) || trimmed === '.') return Number.NaN
  const decimals = trimmed.split('.')[1]?.length ?? 0
  return decimals <= digits ? toMinorUnits(trimmed, digits) : Number(trimmed) * 10 ** digits
}

type Props = NumberFieldClientProps & { money: Currency }

/**
 * Uncle Pat types the price in the shop's currency ("2.50"); the item stores whole minor units
 * (250), so prices never drift. `money` (SHOP_CURRENCY, SHOP_LOCALE) comes from the collection.
 */
export const PriceField = ({ field, money, path: pathFromProps }: Props) => {
  const path = pathFromProps ?? field.name
  const digits = fractionDigits(money)
  const { setValue, showError, value } = useField<null | number>({ path })
  const [text, setText] = useState(() => shown(value, digits))
  const inputId = `field-${path.replace(/\./g, '__')}`

  return (
    <div className={`field-type number${showError ? ' error' : ''}`} style={{ flex: '1 1 auto' }}>
      <FieldLabel htmlFor={inputId} label={`Price (${currencySymbol(money)})`} path={path} required={field.required} />
      <div className="field-type__wrap">
        <FieldError path={path} showError={showError} />
        <input
          id={inputId}
          inputMode="decimal"
          name={path}
          onBlur={() => {
            if (Number.isInteger(value)) setText(shown(value, digits))
          }}
          onChange={(event) => {
            setText(event.target.value)
            setValue(toMinor(event.target.value, digits))
          }}
          placeholder={toAmount(0, digits)}
          type="text"
          value={text}
        />
      </div>
      <FieldDescription
        description={`In ${money.currency}, e.g. ${toAmount(250, digits)}. Stored in whole minor units (${toAmount(250, digits)} is 250).`}
        path={path}
      />
    </div>
  )
}
