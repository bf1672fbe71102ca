'use client'
import type { JSONFieldClientComponent } from 'payload'

import { FieldLabel, useField } from '@payloadcms/ui'
import React from 'react'

/** A JSON field's value: an object once saved, text while the form holds it. */
const parsed = (value: unknown): unknown => {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return null
  }
}

type Problem = { error: string; row: number }

/** A refused import's bad lines as a table: which line of the file, and why. */
export const ImportProblems: JSONFieldClientComponent = ({ field, path }) => {
  const value = parsed(useField<null | Problem[] | string>({ path: path ?? field.name }).value) as null | Problem[]
  if (!Array.isArray(value) || value.length === 0) return null
  return (
    <div className="field-type import-problems" style={{ marginBottom: 'var(--spacing-field, 1.5rem)' }}>
      <FieldLabel label="Problems (nothing was imported)" path={path} />
      <table className="table" style={{ width: '100%' }}>
        <thead>
          <tr>
            <th align="left">Line</th>
            <th align="left">Problem</th>
          </tr>
        </thead>
        <tbody>
          {value.map((problem, index) => (
            <tr key={index}>
              <td>{problem.row}</td>
              <td>{problem.error}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
