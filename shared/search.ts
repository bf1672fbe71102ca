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

/**
 * How much of the description an item keeps as its plain-text `summary`: enough for a card's
 * teaser and a page's meta description, so catalogue pages never fetch the rich text.
 */
export const SUMMARY_MAX_LENGTH = 160

/** The description's plain text, whitespace collapsed, cut with "…" when too long. */
export function summaryOf(plainText: string, maxLength = SUMMARY_MAX_LENGTH): string {
  const text = plainText.replace(/\s+/g, ' ').trim()
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text
}
