/** A thin fetch wrapper for talking to the CMS's REST API as a test would from outside. */
export type RestResponse<T = any> = { status: number; body: T; headers: Headers }

export async function rest<T = any>(
  baseUrl: string,
  path: string,
  { method = 'GET', body, token, headers = {} }: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<RestResponse<T>> {
  const response = await fetch(`${baseUrl}/api/${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `JWT ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {}
  return { status: response.status, body: parsed as T, headers: response.headers }
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const { status, body } = await rest(baseUrl, 'users/login', { method: 'POST', body: { username, password } })
  if (status !== 200 || !body.token) throw new Error(`login as ${username} failed: ${status} ${JSON.stringify(body)}`)
  return body.token as string
}

/** The field paths named in a Payload validation error response. */
export function invalidFields(body: any): string[] {
  return (body?.errors ?? []).flatMap((error: any) => (error?.data?.errors ?? []).map((field: any) => field.path))
}

/** The messages Payload gives for each invalid field. */
export function fieldMessages(body: any): Record<string, string> {
  return Object.fromEntries(
    (body?.errors ?? []).flatMap((error: any) => (error?.data?.errors ?? []).map((field: any) => [field.path, field.message])),
  )
}
