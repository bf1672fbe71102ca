import type { CollectionAfterChangeHook, Payload, PayloadRequest } from 'payload'

import { cmsConfig } from '../../../config'
import { afterCommit } from '../../../database/afterCommit'
import { sendMail } from '../../../email'
import type { Item } from '../../../payload-types'
import { ITEMS, USERS } from '../../../slugs'

type Crossing = { id: number | string; name: string; quantity: number }

/** Whether a save took the quantity from above the threshold to at or below it. */
export function crossedToLowStock(before: unknown, after: unknown, threshold: number): boolean {
  return typeof before === 'number' && typeof after === 'number' && before > threshold && after <= threshold
}

const CONTEXT_KEY = 'lowStockCrossings'

/**
 * Tells staff when an item runs low: one message per crossing of LOW_STOCK_THRESHOLD from above,
 * found by comparing the saved quantity with the one before the save. A save that stays low
 * (5 → 4 → 3) crosses nothing, so sends nothing; a restock above the threshold arms it again.
 * No flag is stored: the previous document is the memory. Every crossing of one request (a bulk
 * edit, a CSV import) goes into one message, sent after the transaction commits
 * (database/afterCommit): a save that is rolled back sends nothing.
 */
export const lowStockAlert: CollectionAfterChangeHook<Item> = async ({ doc, operation, previousDoc, req }) => {
  if (operation !== 'update') return doc
  if (!crossedToLowStock(previousDoc?.quantity, doc.quantity, cmsConfig.LOW_STOCK_THRESHOLD)) return doc
  const crossings = (req.context[CONTEXT_KEY] ??= new Map<string, Crossing>()) as Map<string, Crossing>
  crossings.set(String(doc.id), { id: doc.id, name: doc.name, quantity: doc.quantity })
  await afterCommit(req, ITEMS, 'low-stock-alert', async () => {
    const items = [...crossings.values()]
    crossings.clear()
    if (items.length > 0) await sendLowStockAlert(req, items)
  })
  return doc
}

/** LOW_STOCK_ALERT_TO, or else every admin and member of staff who has an email address. */
async function recipients(payload: Payload): Promise<string[]> {
  if (cmsConfig.LOW_STOCK_ALERT_TO.length > 0) return cmsConfig.LOW_STOCK_ALERT_TO
  const { docs } = await payload.find({
    collection: USERS,
    depth: 0,
    limit: 100,
    overrideAccess: true,
    pagination: false,
    select: { email: true },
    where: { and: [{ email: { exists: true } }, { roles: { in: ['admin', 'staff'] } }] },
  })
  return [...new Set(docs.map((user) => user.email).filter((email): email is string => Boolean(email)))]
}

export function lowStockMessage(items: Crossing[], threshold: number, adminUrl: string): { subject: string; text: string } {
  const subject =
    items.length === 1
      ? `Low stock: ${items[0].name} (${items[0].quantity} left)`
      : `Low stock: ${items.length} items at ${threshold} or fewer`
  const lines = items.map((item) => `- ${item.name}: ${item.quantity} left\n  ${adminUrl}/collections/${ITEMS}/${item.id}`)
  const text = [
    `${items.length === 1 ? 'This item has' : 'These items have'} just fallen to ${threshold} or fewer in stock:`,
    '',
    ...lines,
    '',
    'You get one message each time an item falls to the low-stock level; restocking it above that level arms the alert again.',
  ].join('\n')
  return { subject, text }
}

async function sendLowStockAlert(req: PayloadRequest, items: Crossing[]): Promise<void> {
  const { payload } = req
  const adminUrl = `${cmsConfig.CMS_PUBLIC_URL}${payload.config.routes.admin}`
  const mail = lowStockMessage(items, cmsConfig.LOW_STOCK_THRESHOLD, adminUrl)
  await sendMail(payload, cmsConfig, { ...mail, to: await recipients(payload) })
  payload.logger.info({ items: items.map((item) => item.id) }, `Low-stock alert for ${items.length} item(s).`)
}
