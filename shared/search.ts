/**
 * How item text is folded for search, shared by the CMS (which stores `searchText` folded) and
 * the storefront (which folds the shopper's words the same way). Lower case and without accents,
 * so "creme" finds "Crème" on SQLite too (its LIKE folds ASCII letters only).
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** How much of an item's text is searched (Payload's default limit for a text field). */
export const SEARCH_TEXT_MAX_LENGTH = 40_000
