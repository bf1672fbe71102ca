import type { Payload, TypedUser } from 'payload'

import { formatAdminURL } from 'payload/shared'
import { formatMoney } from '../../shared/money.ts'
import { cmsConfig } from '../config'
import { bars, CHART_HEIGHT, CHART_WIDTH, chartSummary } from '../dashboard/chart'
import { CHART_DAYS, dashboardFigures } from '../dashboard/figures'
import { ITEMS } from '../slugs'

type Props = { payload: Payload; user?: null | TypedUser }

const money = { currency: cmsConfig.SHOP_CURRENCY, locale: cmsConfig.SHOP_LOCALE }

/** The Items list filtered by a `where` in Payload's query-string form. */
function itemsHref(adminRoute: string, where: Record<string, string>, sort?: string): string {
  const query = new URLSearchParams(where)
  if (sort) query.set('sort', sort)
  return `${formatAdminURL({ adminRoute, path: `/collections/${ITEMS}` })}?${query}`
}

const PUBLISHED = { 'where[and][0][_status][equals]': 'published' }

// Payload's own look: its theme variables and spacing unit, so light and dark themes both work.
const css = `
.minimart-dashboard { margin: 0 0 calc(var(--base) * 2); }
.minimart-dashboard h2 { margin: 0 0 calc(var(--base) * 0.75); }
.minimart-dashboard h3 { margin: 0 0 calc(var(--base) * 0.5); font-size: 1.1rem; }
.minimart-dashboard__figures { display: grid; gap: calc(var(--base) * 0.75); grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); list-style: none; margin: 0 0 calc(var(--base) * 1.25); padding: 0; }
.minimart-dashboard__figure { background: var(--theme-elevation-50); border: 1px solid var(--theme-elevation-150); border-radius: var(--style-radius-m); padding: calc(var(--base) * 0.75); }
.minimart-dashboard__figure a { color: inherit; text-decoration: none; display: block; }
.minimart-dashboard__figure a:hover .minimart-dashboard__label, .minimart-dashboard__figure a:focus-visible .minimart-dashboard__label { text-decoration: underline; }
.minimart-dashboard__value { display: block; font-size: 1.75rem; font-weight: 600; line-height: 1.2; overflow-wrap: anywhere; }
.minimart-dashboard__label { color: var(--theme-elevation-800); }
.minimart-dashboard__figure--warning { border-color: var(--theme-warning-500); background: var(--theme-warning-100); }
.minimart-dashboard__figure--error { border-color: var(--theme-error-500); background: var(--theme-error-50); }
.minimart-dashboard__panels { display: grid; gap: calc(var(--base) * 1.25); grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); margin-bottom: calc(var(--base) * 1.25); }
.minimart-dashboard__panel { border: 1px solid var(--theme-elevation-150); border-radius: var(--style-radius-m); padding: calc(var(--base) * 0.75); min-width: 0; }
.minimart-dashboard table { border-collapse: collapse; width: 100%; }
.minimart-dashboard th, .minimart-dashboard td { border-bottom: 1px solid var(--theme-elevation-100); padding: 0.35rem 0.5rem 0.35rem 0; text-align: left; vertical-align: top; }
.minimart-dashboard td.num, .minimart-dashboard th.num { text-align: right; font-variant-numeric: tabular-nums; }
.minimart-dashboard__changes { list-style: none; margin: 0; padding: 0; }
.minimart-dashboard__changes li { border-bottom: 1px solid var(--theme-elevation-100); padding: 0.4rem 0; overflow-wrap: anywhere; }
.minimart-dashboard__meta { color: var(--theme-elevation-650); font-size: 0.85rem; display: block; }
.minimart-dashboard__chart svg { display: block; width: 100%; height: 7rem; }
.minimart-dashboard__axis { display: flex; justify-content: space-between; color: var(--theme-elevation-650); font-size: 0.85rem; margin: 0.25rem 0 0.5rem; }
.minimart-dashboard__chart rect { fill: var(--theme-success-500); }
.minimart-dashboard__chart line { stroke: var(--theme-elevation-300); }
.minimart-dashboard__note { color: var(--theme-elevation-650); margin: 0; }
`

/**
 * Uncle Pat's first screen (Payload's beforeDashboard, above the collection cards): what is on sale,
 * sold out and running low, what his stock is worth at shop prices, the ten items with the fewest
 * in stock (one click to each), the latest changes (admins: staff may not read the audit log) and
 * item edits per day. A React Server Component: the figures come from the database through
 * cms/dashboard/figures.ts, the same function as GET /api/dashboard.
 */
export async function Dashboard({ payload, user }: Props) {
  if (!user) return null
  const figures = await dashboardFigures(payload, user, cmsConfig.LOW_STOCK_THRESHOLD)
  const adminRoute = payload.config.routes.admin
  const itemHref = (id: number | string) => formatAdminURL({ adminRoute, path: `/collections/${ITEMS}/${id}` })
  const when = new Intl.DateTimeFormat(cmsConfig.SHOP_LOCALE, { dateStyle: 'medium', timeStyle: 'short' })
  const chart = bars(figures.editsPerDay)
  const summary = chartSummary(figures.editsPerDay)
  const threshold = figures.threshold

  const cards = [
    {
      id: 'on-sale',
      label: 'Items on sale',
      value: String(figures.onSale),
      href: itemsHref(adminRoute, { ...PUBLISHED, 'where[and][1][quantity][greater_than]': '0' }),
    },
    {
      id: 'sold-out',
      label: 'Sold out',
      value: String(figures.soldOut),
      href: itemsHref(adminRoute, { ...PUBLISHED, 'where[and][1][quantity][equals]': '0' }),
      tone: figures.soldOut > 0 ? 'error' : undefined,
    },
    {
      id: 'low-stock',
      label: `Low stock (≤ ${threshold})`,
      value: String(figures.lowStock),
      href: itemsHref(adminRoute, { ...PUBLISHED, 'where[and][1][quantity][less_than_equal]': String(threshold) }, 'quantity'),
      tone: figures.lowStock > 0 ? 'warning' : undefined,
    },
    { id: 'stock-value', label: 'Stock value at shop prices', value: formatMoney(figures.stockValue, money) },
    {
      id: 'drafts',
      label: 'Drafts, not on sale yet',
      value: String(figures.drafts),
      href: itemsHref(adminRoute, { 'where[and][0][_status][equals]': 'draft' }),
    },
  ]

  return (
    <section aria-labelledby="minimart-dashboard-title" className="minimart-dashboard" id="minimart-dashboard">
      <style>{css}</style>
      <h2 id="minimart-dashboard-title">Your shop today</h2>
      <ul className="minimart-dashboard__figures">
        {cards.map((card) => {
          const content = (
            <>
              <span className="minimart-dashboard__value" data-figure={card.id}>
                {card.value}
              </span>
              <span className="minimart-dashboard__label">{card.label}</span>
            </>
          )
          return (
            <li className={`minimart-dashboard__figure${card.tone ? ` minimart-dashboard__figure--${card.tone}` : ''}`} key={card.id}>
              {card.href ? (
                <a href={card.href} id={card.id === 'low-stock' ? 'low-stock-dashboard' : `dashboard-${card.id}`}>
                  {content}
                </a>
              ) : (
                content
              )}
            </li>
          )
        })}
      </ul>

      <div className="minimart-dashboard__panels">
        <section aria-labelledby="minimart-lowest-title" className="minimart-dashboard__panel">
          <h3 id="minimart-lowest-title">Fewest in stock</h3>
          {figures.lowest.length === 0 ? (
            <p className="minimart-dashboard__note">Nothing on sale yet.</p>
          ) : (
            <table id="minimart-lowest">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th className="num" scope="col">
                    In stock
                  </th>
                  <th className="num" scope="col">
                    Price
                  </th>
                </tr>
              </thead>
              <tbody>
                {figures.lowest.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <a href={itemHref(item.id)}>{item.name}</a>
                    </td>
                    <td className="num">{item.quantity === 0 ? 'sold out' : item.quantity}</td>
                    <td className="num">{formatMoney(item.price, money)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="minimart-changes-title" className="minimart-dashboard__panel">
          <h3 id="minimart-changes-title">Latest changes</h3>
          {figures.latestChanges === null ? (
            <p className="minimart-dashboard__note">Only admins can read the audit log.</p>
          ) : figures.latestChanges.length === 0 ? (
            <p className="minimart-dashboard__note">No changes yet.</p>
          ) : (
            <ul className="minimart-dashboard__changes" id="minimart-changes">
              {figures.latestChanges.map((entry) => (
                <li key={entry.id}>
                  {entry.collectionSlug === ITEMS && entry.documentId && (entry.action === 'create' || entry.action === 'update') ? (
                    <a href={itemHref(entry.documentId)}>{entry.summary}</a>
                  ) : (
                    entry.summary
                  )}
                  <span className="minimart-dashboard__meta">
                    {entry.actor} · <time dateTime={entry.createdAt}>{when.format(new Date(entry.createdAt))}</time>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="minimart-chart-title" className="minimart-dashboard__panel minimart-dashboard__chart">
        <h3 id="minimart-chart-title">Item edits per day, last {CHART_DAYS} days</h3>
        <svg aria-labelledby="minimart-chart-desc" preserveAspectRatio="none" role="img" viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT + 1}`}>
          <title id="minimart-chart-desc">{summary}</title>
          <line vectorEffect="non-scaling-stroke" x1="0" x2={CHART_WIDTH} y1={CHART_HEIGHT + 0.5} y2={CHART_HEIGHT + 0.5} />
          {chart.map((bar) => (
            <rect height={bar.height} key={bar.day} width={bar.width} x={bar.x} y={bar.y}>
              <title>{`${bar.day}: ${bar.edits}`}</title>
            </rect>
          ))}
        </svg>
        <div aria-hidden="true" className="minimart-dashboard__axis">
          <span>{figures.editsPerDay[0]?.day}</span>
          <span>today</span>
        </div>
        <p className="minimart-dashboard__note" id="minimart-chart-summary">
          {summary}
        </p>
      </section>
    </section>
  )
}
