import type { Payload, TypedUser } from 'payload'

import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { ITEMS } from '../collections/slugs'

type Props = { payload: Payload; user?: null | TypedUser }

/** The Items list filtered to quantity ≤ LOW_STOCK_THRESHOLD, fewest first. */
export function lowStockHref(adminRoute: string, threshold: number): string {
  const query = new URLSearchParams({
    'where[or][0][and][0][quantity][less_than_equal]': String(threshold),
    sort: 'quantity',
  })
  return `${formatAdminURL({ adminRoute, path: `/collections/${ITEMS}` })}?${query}`
}

/**
 * First link in the admin's side menu: Uncle Pat's saved "Low stock" view, one click from
 * anywhere, with how many items it holds right now.
 */
export async function LowStockLink({ payload, user }: Props) {
  if (!user) return null
  const threshold = Number(payload.config.custom?.lowStockThreshold ?? 5)
  const { totalDocs } = await payload.count({
    collection: ITEMS,
    overrideAccess: false,
    user,
    where: { quantity: { less_than_equal: threshold } },
  })
  return (
    <a
      className="nav__link"
      href={lowStockHref(payload.config.routes.admin, threshold)}
      id="nav-low-stock"
      title={`Items with ${threshold} or fewer in stock`}
    >
      <span className="nav__link-label">
        Low stock (≤ {threshold}): <strong>{totalDocs}</strong>
      </span>
    </a>
  )
}
