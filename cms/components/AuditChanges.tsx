'use client'

import { FieldLabel } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'

import type { Change } from '../audit'

import { useJsonFieldValue } from './useJsonFieldValue'

const show = (value: unknown): string =>
  value === null || value === undefined || value === '' ? '—' : typeof value === 'string' ? value : JSON.stringify(value)

/** An audit entry's changes as a before/after table instead of raw JSON. */
export const AuditChanges: JSONFieldClientComponent = ({ field, path }) => {
  const value = useJsonFieldValue<Change[] | Record<string, unknown>>(path ?? field.name)
  if (!value || (Array.isArray(value) && value.length === 0)) return null
  return (
    <div className="field-type audit-changes" style={{ marginBottom: 'var(--spacing-field, 1.5rem)' }}>
      <FieldLabel label="Changes" path={path} />
      {Array.isArray(value) ? (
        <table className="table" style={{ width: '100%' }}>
          <thead>
            <tr>
              <th align="left">Field</th>
              <th align="left">Before</th>
              <th align="left">After</th>
            </tr>
          </thead>
          <tbody>
            {value.map((change) => (
              <tr key={change.field}>
                <td>{change.field}</td>
                <td>{show(change.before)}</td>
                <td>{show(change.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <pre style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(value, null, 2)}</pre>
      )}
    </div>
  )
}
