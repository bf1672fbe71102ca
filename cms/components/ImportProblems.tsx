'use client'

import { FieldLabel } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'

import type { ImportProblem } from '../plugins/importExport/hooks/importAllOrNothing'

import { useJsonFieldValue } from './useJsonFieldValue'

/** A refused import's bad lines as a table: which line of the file, and why. */
export const ImportProblems: JSONFieldClientComponent = ({ field, path }) => {
  const value = useJsonFieldValue<ImportProblem[]>(path ?? field.name)
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
          {value.map((problem) => (
            <tr key={`${problem.row}:${problem.error}`}>
              <td>{problem.row}</td>
              <td>{problem.error}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
