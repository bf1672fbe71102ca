/** POSTs a GraphQL query to the CMS as a test would from outside. */
export type GraphqlResponse = {
  status: number
  data?: Record<string, any> | null
  errors?: { message: string; extensions?: { name?: string; statusCode?: number } }[]
}

export async function graphql(
  baseUrl: string,
  query: string,
  { headers = {}, variables }: { headers?: Record<string, string>; variables?: Record<string, unknown> } = {},
): Promise<GraphqlResponse> {
  const response = await fetch(`${baseUrl}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  })
  const body = await response.json()
  return { status: response.status, ...body }
}
