/** Writing to the e2e run's CMS over REST, as a logged-in Uncle Pat would through the admin. */
import { login, rest } from '../helpers/rest'
import { TEST_ADMIN_PASSWORD } from '../helpers/servers'

export type ItemInput = { name: string; price: number; quantity: number; _status?: 'draft' | 'published'; description?: unknown }

const tokens = new Map<string, Promise<string>>()
function unclePat(baseUrl: string): Promise<string> {
  if (!tokens.has(baseUrl)) tokens.set(baseUrl, login(baseUrl, 'unclepat', TEST_ADMIN_PASSWORD))
  return tokens.get(baseUrl)!
}

export async function createItem(baseUrl: string, item: ItemInput): Promise<{ id: number; slug: string }> {
  const response = await rest(baseUrl, 'items', { method: 'POST', token: await unclePat(baseUrl), body: { _status: 'published', ...item } })
  if (response.status !== 201) throw new Error(`creating ${item.name}: ${response.status} ${JSON.stringify(response.body)}`)
  return response.body.doc
}

export async function updateItem(baseUrl: string, id: number, change: Partial<ItemInput>): Promise<void> {
  const response = await rest(baseUrl, `items/${id}`, { method: 'PATCH', token: await unclePat(baseUrl), body: change })
  if (response.status !== 200) throw new Error(`updating item ${id}: ${response.status} ${JSON.stringify(response.body)}`)
}

export async function deleteItem(baseUrl: string, id: number): Promise<void> {
  const response = await rest(baseUrl, `items/${id}`, { method: 'DELETE', token: await unclePat(baseUrl) })
  if (response.status !== 200) throw new Error(`deleting item ${id}: ${response.status} ${JSON.stringify(response.body)}`)
}

/** Creates those of the items that are not there yet (a retried test file runs its set-up again). */
export async function ensureItems(baseUrl: string, items: ItemInput[]): Promise<void> {
  const { body } = await rest(baseUrl, `items?depth=0&limit=0&pagination=false&select[name]=true&draft=true`, {
    token: await unclePat(baseUrl),
  })
  const existing = new Set(body.docs.map((doc: { name: string }) => doc.name))
  for (const item of items) if (!existing.has(item.name)) await createItem(baseUrl, item)
}

/** 30 wafers (two pages of results), every third one sold out, priced $1.00 to $3.90. */
export const wafers: ItemInput[] = Array.from({ length: 30 }, (_, i) => ({
  name: `Wafer Roll No. ${String(i + 1).padStart(2, '0')}`,
  price: 100 + i * 10,
  quantity: i % 3 === 2 ? 0 : 10,
}))
