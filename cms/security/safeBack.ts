/** Any origin will do: a relative path resolved against it must stay on it. */
const SAME_ORIGIN = 'http://same-origin.invalid'

/**
 * `back` (where the two-factor pages go after a correct code, given in their URL) when it is a
 * path on this site; otherwise `fallback`. It ends in location.replace, so `javascript:…` would
 * run in the admin's origin and `//other.site` or `/\other.site` would leave it. Control
 * characters and backslashes are refused outright: browsers drop or read them as slashes.
 */
export function safeBack(back: unknown, fallback: string): string {
  if (typeof back !== 'string' || !back.startsWith('/') || back.startsWith('//')) return fallback
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[\u0000-\u001f\u007f\\]/.test(back)) return fallback
  let url: URL
  try {
    url = new URL(back, SAME_ORIGIN)
  } catch {
    return fallback
  }
  return url.origin === SAME_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : fallback
}
