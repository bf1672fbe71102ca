import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

type RichText = { root: unknown } | null | undefined

/** The item description as HTML, by Payload's own lexical converter (which escapes all text). */
export function richTextToHtml(value: RichText): string {
  if (!value) return ''
  return convertLexicalToHTML({ data: value as SerializedEditorState, disableContainer: true })
}
