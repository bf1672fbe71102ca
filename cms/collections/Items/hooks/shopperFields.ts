import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'
import type { CollectionBeforeChangeHook } from 'payload'
import { foldForSearch, SEARCH_TEXT_MAX_LENGTH, summaryOf } from '../../../../shared/search.ts'
import { itemSearchTerms } from '../../../../shared/searchIndex.ts'
import type { Item } from '../../../payload-types'

/**
 * Keeps the fields the shop queries in step with what Uncle Pat edits:
 * - `soldOut`, so the catalogue can sort sold-out items after available ones in the database
 *   (ascending, so one index on soldOut + name serves the shop's default order);
 * - `searchText`, the name and the description as plain folded text, because the description is
 *   Lexical JSON: a LIKE on that column would also match its keys ("paragraph", "text").
 *   A very long description is searched in its first SEARCH_TEXT_MAX_LENGTH characters, so the
 *   save never fails on a field Uncle Pat cannot see;
 * - `searchTerms`, the keys of the typo-forgiving search index (shared/searchIndex.ts);
 * - `summary`, the start of the description as plain text, which is all a catalogue card shows:
 *   a page of 24 cards then never fetches (nor converts) 24 rich-text documents.
 * A collection hook, not field hooks, because a partial update (only `quantity`) must still see
 * the stored name and description.
 */
export const shopperFields: CollectionBeforeChangeHook<Item> = ({ data, originalDoc }) => {
  const item = { ...originalDoc, ...data }
  const description = item.description ? convertLexicalToPlaintext({ data: item.description as SerializedEditorState }) : ''
  const searchText = foldForSearch(`${item.name ?? ''} ${description}`).slice(0, SEARCH_TEXT_MAX_LENGTH)
  return {
    ...data,
    soldOut: !(typeof item.quantity === 'number' && item.quantity > 0),
    summary: summaryOf(description),
    searchText,
    searchTerms: itemSearchTerms(item.name ?? '', searchText),
  }
}
