/**
 * Typo-forgiving, ranked item search: what goes into the search index and how a match is scored.
 * Pure (no Payload, no database), so the CMS's two database legs share every rule and the unit
 * tests pin them down. See cms/collections/Items/search/ for where the keys are stored and looked up.
 *
 * The index holds, per item, a list of *keys*, exact strings a database indexes cheaply (an FTS5
 * table on SQLite, a multikey index on MongoDB), so a query is a few index lookups, never a scan:
 * - `=noodle`   the word, singular (plural and singular share it: "noodles" and "noodle");
 * - `>noo`      each proper prefix of a word, 2 to PREFIX_MAX letters ("choc" finds chocolate);
 * - `~noodles`, `~oodles`, `~nodles`, … the word and each one-letter deletion of it (words of
 *   TYPO_MIN_INDEXED+ letters). Two words are one edit apart (a letter missing, added, changed, or
 *   two neighbours swapped) only if their deletion sets meet (the symmetric-delete trick of
 *   SymSpell), so a typo finds its word by exact lookups; the ranking then checks the distance.
 * Keys of name words also come with an `n` in front, so the name can be searched on its own.
 *
 * A query word may also be a prefix with a typo ("chocl", on its way to "chocolate"). That needs
 * no keys of its own: the query asks for some keys by their beginning (a key ending in `*`, an
 * FTS5 prefix query or an anchored regular expression, both read from the index). A prefix P of
 * a word W is one edit from the typed T when T without one letter is a prefix of W (`>d`: a
 * letter added, or the last one changed), or W without one letter begins with T (`~T*`: a letter
 * missing) or with T without the same letter (`~d*`: one changed, or two swapped).
 */
import { foldForSearch } from './search.ts'

/** At most this many words of a query count (a pasted paragraph is not a search). */
export const QUERY_MAX_WORDS = 8
/** Prefix keys: from 2 letters up to this many. */
export const PREFIX_MAX = 15
/** A query word of this many letters may hold one typo (the issue: five or more). */
export const TYPO_MIN_QUERY = 5
/** Indexed words this long get deletion keys: one letter shorter than a typo'd query word. */
const TYPO_MIN_INDEXED = TYPO_MIN_QUERY - 1
/** Longer words are not typo-indexed (a serial number, a URL): their deletions would only bloat the index. */
const TYPO_MAX = 24
/** An item's description is indexed in its first this many distinct words. */
const TEXT_MAX_WORDS = 300

/** The folded words of a text: lower case, no accents, split at anything but letters and digits. */
export function wordsOf(text: string): string[] {
  // Plain ASCII (nearly every name) needs no Unicode folding: the same words, several times faster.
  if (/^[\x20-\x7e]*$/.test(text))
    return text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}

/**
 * English singular, crudely: enough for a shop's plurals ("noodles", "boxes", "batteries",
 * "glasses"), so singular and plural share a key. Hand-written because stemming libraries
 * (Porter, Snowball) also cut endings shoppers type differently ("spicy" → "spici"), and every
 * such cut would have to agree across both database legs and the ranking.
 */
export function singular(word: string): string {
  let known = singulars.get(word)
  if (known === undefined) {
    known = singularOf(word)
    // The shop's vocabulary is small; a pasted essay must not grow this without end.
    if (singulars.size > 50_000) singulars.clear()
    singulars.set(word, known)
  }
  return known
}
const singulars = new Map<string, string>()

function singularOf(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.length > 4 && /(?:sh|ch|ss|x|z)es$/.test(word)) return word.slice(0, -2)
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1)
  return word
}

const deletions = (word: string): string[] => Array.from(word, (_, i) => word.slice(0, i) + word.slice(i + 1))
const typoIndexed = (word: string) => word.length >= TYPO_MIN_INDEXED && word.length <= TYPO_MAX

function addWordKeys(word: string, ns: string, keys: Set<string>): void {
  keys.add(`${ns}=${singular(word)}`)
  for (let length = 2; length < word.length && length <= PREFIX_MAX; length++) keys.add(`${ns}>${word.slice(0, length)}`)
  if (typoIndexed(word)) {
    keys.add(`${ns}~${word}`)
    for (const deleted of deletions(word)) keys.add(`${ns}~${deleted}`)
  }
}

/**
 * An item's index keys, from its name and its folded plain text (`searchText`: the name and the
 * description, as shared/search.ts folds them).
 */
export function itemSearchTerms(name: string, searchText: string): string[] {
  const keys = new Set<string>()
  for (const word of new Set(wordsOf(name))) {
    addWordKeys(word, 'n', keys)
    addWordKeys(word, '', keys)
  }
  for (const word of [...new Set(wordsOf(searchText))].slice(0, TEXT_MAX_WORDS)) addWordKeys(word, '', keys)
  return [...keys]
}

export type QueryWord = {
  word: string
  /** Keys that find the word exactly, as a prefix or (from TYPO_MIN_QUERY letters) with one typo. */
  keys: string[]
  /**
   * The same, and a prefix with one typo: keys ending in `*`, which stand for every key that
   * begins with them (read from the index as a range of keys; looked up last, as a range can be
   * long: the deletions of "series" begin thousands of keys at 100 000 items).
   */
  prefixTypoKeys: string[]
  /** The same without typos. */
  exactKeys: string[]
}

/** The words of a query (distinct, at most QUERY_MAX_WORDS) and the index keys each may match. */
export function searchPlan(q: string): QueryWord[] {
  return [...new Set(wordsOf(q))].slice(0, QUERY_MAX_WORDS).map((word) => {
    const exactKeys = [`=${singular(word)}`]
    if (word.length >= 2 && word.length <= PREFIX_MAX) exactKeys.push(`>${word}`)
    const keys = [...exactKeys]
    const prefixTypoKeys: string[] = []
    if (word.length >= TYPO_MIN_QUERY && typoIndexed(word)) {
      const deleted = deletions(word)
      keys.push(`~${word}`, ...deleted.map((d) => `~${d}`))
      // A prefix with one typo (see the top of this file).
      if (word.length <= PREFIX_MAX) prefixTypoKeys.push(...deleted.map((d) => `>${d}`), `~${word}*`, ...deleted.map((d) => `~${d}*`))
    }
    const unique = [...new Set(keys)]
    return { word, keys: unique, exactKeys, prefixTypoKeys: [...new Set([...unique, ...prefixTypoKeys])] }
  })
}

/** The same keys, restricted to the item's name. */
export const inName = (keys: string[]): string[] => keys.map((key) => `n${key}`)

/**
 * Whether a and b are at most one edit apart: a letter missing, added, changed, or two
 * neighbouring letters swapped (Damerau–Levenshtein distance ≤ 1). Hand-written: with the
 * distance capped at one this is a single linear walk, where the libraries compute the full
 * matrix for every candidate word.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true // changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2) // swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1) // added / missing
}

/**
 * How well a query word matches one item word: 3 whole word, 2 prefix, 1 one typo (in the whole
 * word, or in a prefix of it), 0 not at all.
 */
export function wordMatch(query: string, word: string): 0 | 1 | 2 | 3 {
  if (singular(query) === singular(word)) return 3
  if (query.length >= 2 && query.length <= PREFIX_MAX && word.length > query.length && word.startsWith(query)) return 2
  if (query.length < TYPO_MIN_QUERY || !typoIndexed(query) || !typoIndexed(word)) return 0
  if (withinOneEdit(query, word)) return 1
  return query.length <= PREFIX_MAX && prefixWithinOneEdit(query, word) ? 1 : 0
}

/**
 * Whether some prefix of `word` is one edit from `query` (the shopper is still typing, with a
 * typo): the edit sits where the two first differ, and the rest of the query must then follow in
 * the word (a letter changed, added or missing there, or two swapped). A few comparisons, called
 * for every query word and item word that do not otherwise match.
 */
export function prefixWithinOneEdit(query: string, word: string): boolean {
  let i = 0
  while (i < query.length && i < word.length && query[i] === word[i]) i++
  if (i >= query.length) return true // a prefix already
  const rest = query.slice(i + 1)
  return (
    word.startsWith(rest, i + 1) || // changed
    word.startsWith(rest, i) || // added in the query
    word.startsWith(query.slice(i), i + 1) || // missing from the query
    (query[i] === word[i + 1] && query[i + 1] === word[i] && word.startsWith(query.slice(i + 2), i + 2)) // swapped
  )
}

/** Points per kind of match: anything in the name beats anything only in the description. */
const NAME_POINTS = [0, 60, 80, 100] as const
const TEXT_POINTS = [0, 10, 20, 30] as const
/** Up to this much more when the query covers more of the name (the item itself beats its "series 2"). */
const COVERAGE_POINTS = 10

export type Candidate = { id: number | string; name: string; searchText?: string | null; soldOut?: boolean | null }
export type Ranked<C extends Candidate> = C & { score: number; matched: number; typos: number }

/** Words of already folded text (`searchText`): split only. */
const foldedWords = (text: string): string[] =>
  (/^[\x20-\x7e]*$/.test(text) ? text.split(/[^a-z0-9]+/) : text.split(/[^\p{L}\p{N}]+/u)).filter(Boolean)

/**
 * A candidate's score for the query, and how many query words it matches. `all` (a search): every
 * word must match, or the score is 0. Otherwise (did-you-mean): the words that match count.
 */
export function scoreOf(plan: QueryWord[], candidate: Candidate, { all = true } = {}): { score: number; matched: number; typos: number } {
  const nameWords = wordsOf(candidate.name)
  let textWords: string[] | undefined
  const covered = new Set<string>()
  let score = 0
  let matched = 0
  let typos = 0
  for (const { word } of plan) {
    let best = 0
    let bestMatch = 0
    for (const nameWord of nameWords) {
      const match = wordMatch(word, nameWord)
      if (match > 0) covered.add(nameWord)
      if (NAME_POINTS[match] > best) [best, bestMatch] = [NAME_POINTS[match], match]
    }
    if (best === 0) {
      textWords ??= [...new Set(foldedWords(candidate.searchText ?? ''))].slice(0, TEXT_MAX_WORDS)
      for (const textWord of textWords) {
        const match = wordMatch(word, textWord)
        if (TEXT_POINTS[match] > best) [best, bestMatch] = [TEXT_POINTS[match], match]
        if (match === 3) break
      }
    }
    if (best === 0 && all) return { score: 0, matched: 0, typos: 0 }
    if (best > 0) matched++
    if (bestMatch === 1) typos++
    score += best
  }
  const coverage = nameWords.length > 0 ? covered.size / new Set(nameWords).size : 0
  return { score: score + Math.round(COVERAGE_POINTS * coverage), matched, typos }
}

/** Binary order of names, as SQLite and MongoDB compare them, so both legs break ties alike. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The candidates that match, best first: by score, then in stock before sold out, then by name
 * (then id, for a stable order). A search keeps only the matches with the fewest typos: "wafer"
 * finds the wafers, not also the water (when nothing is typed right, "choclate", the typos are
 * what there is). `all: false` (did-you-mean) keeps every candidate matching a word, ranked by
 * how many words match first.
 */
export function rank<C extends Candidate>(plan: QueryWord[], candidates: C[], { all = true } = {}): Ranked<C>[] {
  const scored = candidates
    .map((candidate) => ({ ...candidate, ...scoreOf(plan, candidate, { all }) }))
    .filter((ranked) => ranked.score > 0)
  const fewestTypos = all ? Math.min(...scored.map((ranked) => ranked.typos)) : Number.POSITIVE_INFINITY
  return scored
    .filter((ranked) => !all || ranked.typos === fewestTypos)
    .sort(
      (a, b) =>
        b.matched - a.matched ||
        b.score - a.score ||
        Number(Boolean(a.soldOut)) - Number(Boolean(b.soldOut)) ||
        byName(a.name, b.name) ||
        byName(String(a.id), String(b.id)),
    )
}
