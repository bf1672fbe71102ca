import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'

type RichText = { root: unknown } | null | undefined

/** The item description as HTML, by Payload's own lexical converter (which escapes all text). */
export function richTextToHtml(value: RichText): string {
  if (!value) return ''
  return convertLexicalToHTML({ data: value as SerializedEditorState, disableContainer: true })
}

/** A one-line teaser for item cards. */
export function richTextSummary(value: RichText, maxLength = 110): string {
  if (!value) return ''
  const text = convertLexicalToPlaintext({ data: value as SerializedEditorState }).replace(/\s+/g, ' ').trim()
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text
}
