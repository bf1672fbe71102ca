import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import type { CollectionBeforeChangeHook } from 'payload'

import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'

import type { Item } from '../../../payload-types'

import { foldForSearch } from '../searchText'

/**
 * Keeps the two fields the shop queries in step with what Uncle Pat edits:
 * - `inStock`, so the catalogue can sort sold-out items after available ones in the database;
 * - `searchText`, the name and the description as plain folded text, because the description is
 *   Lexical JSON: a LIKE on that column would also match its keys ("paragraph", "text").
 * A collection hook, not field hooks, because a partial update (only `quantity`) must still see
 * the stored name and description.
 */
export const shopperFields: CollectionBeforeChangeHook<Item> = ({ data, originalDoc }) => {
  const item = { ...originalDoc, ...data }
  const description = item.description
    ? convertLexicalToPlaintext({ data: item.description as SerializedEditorState })
    : ''
  return {
    ...data,
    inStock: typeof item.quantity === 'number' && item.quantity > 0,
    searchText: foldForSearch(`${item.name ?? ''} ${description}`),
  }
}
