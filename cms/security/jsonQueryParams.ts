/**
 * Payload also accepts `where` and `data` as JSON in the query string (`?where={"price":…}`) and
 * parses them with JSON.parse before any check, so `?where=abc` would be a 500. Returns the
 * parameter that is not JSON, if any, so the proxy can answer 400.
 */
export function malformedJsonParam(searchParams: URLSearchParams): null | string {
  for (const name of ['where', 'data']) {
    for (const value of searchParams.getAll(name)) {
      if (value === '') continue
      try {
        JSON.parse(value)
      } catch {
        return name
      }
    }
  }
  return null
}

/** The 400's message for a `where`/`data` parameter that is not JSON. */
export const malformedJsonMessage = (name: string): string =>
  `The "${name}" parameter is not valid JSON; write it as ${name}[field][operator]=value or as JSON.`
