import type { Payload, TypedUser } from 'payload'

import { formatAdminURL } from 'payload/shared'
import type React from 'react'
import { cmsConfig } from '../config'
import { ITEMS } from '../slugs'

type Props = {
  payload: Payload
  /** Where it is shown: the side menu, the dashboard, or above the Items table. */
  placement?: 'dashboard' | 'items' | 'nav'
  searchParams?: Record<string, string | string[] | undefined>
  user?: null | TypedUser
}

const LOW_STOCK_QUERY = 'where[or][0][and][0][quantity][less_than_equal]'

/** The Items list filtered to quantity ≤ LOW_STOCK_THRESHOLD, fewest first. */
export function lowStockHref(adminRoute: string, threshold: number): string {
  const query = new URLSearchParams({ [LOW_STOCK_QUERY]: String(threshold), sort: 'quantity' })
  return `${formatAdminURL({ adminRoute, path: `/collections/${ITEMS}` })}?${query}`
}

const box: React.CSSProperties = {
  alignItems: 'center',
  background: 'var(--theme-warning-100, #fff4d6)',
  border: '1px solid var(--theme-warning-300, #f0c36d)',
  borderRadius: 'var(--style-radius-m, 4px)',
  display: 'flex',
  gap: '1rem',
  justifyContent: 'space-between',
  margin: '0 0 1.5rem',
  padding: '0.75rem 1rem',
}

/**
 * Uncle Pat's saved "Low stock" view, one click away: on the dashboard, above the Items table and
 * in the side menu, with how many items it holds right now (LOW_STOCK_THRESHOLD or fewer).
 */
export async function LowStockLink({ payload, placement = 'nav', searchParams, user }: Props) {
  if (!user) return null
  const threshold = cmsConfig.LOW_STOCK_THRESHOLD
  const { totalDocs } = await payload.count({
    collection: ITEMS,
    overrideAccess: false,
    user,
    where: { quantity: { less_than_equal: threshold } },
  })
  const href = lowStockHref(payload.config.routes.admin, threshold)
  const label = `Low stock (≤ ${threshold})`
  if (placement === 'nav') {
    return (
      <a
        className="nav__link"
        href={href}
        id="nav-low-stock"
        style={{ marginBottom: '0.75rem' }}
        title={`Items with ${threshold} or fewer in stock`}
      >
        <span className="nav__link-label">
          {label}: <strong>{totalDocs}</strong>
        </span>
      </a>
    )
  }
  const showingLowStock = placement === 'items' && searchParams?.[LOW_STOCK_QUERY] !== undefined
  return (
    <div className={`low-stock low-stock--${placement}`} style={box}>
      <span>
        <strong>{label}:</strong> {totalDocs === 1 ? '1 item needs' : `${totalDocs} items need`} restocking.
      </span>
      {showingLowStock ? (
        <a
          className="btn btn--style-secondary btn--size-small"
          href={formatAdminURL({ adminRoute: payload.config.routes.admin, path: `/collections/${ITEMS}` })}
        >
          Show all items
        </a>
      ) : (
        <a className="btn btn--style-primary btn--size-small" href={href} id={`low-stock-${placement}`}>
          Show low stock
        </a>
      )}
    </div>
  )
}
