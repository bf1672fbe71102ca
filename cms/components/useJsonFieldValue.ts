'use client'
import { useField } from '@payloadcms/ui'

/** A JSON field's value: an object once saved, text while the form holds it; null if unreadable. */
export function useJsonFieldValue<T>(path: string): null | T {
  const { value } = useField<null | string | T>({ path })
  if (typeof value !== 'string') return value ?? null
  try {
    return JSON.parse(value) as T
  } catch {
    return null
  }
}
