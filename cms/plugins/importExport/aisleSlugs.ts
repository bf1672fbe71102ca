import type { PayloadRequest } from 'payload'

import { AISLES_COLUMN } from '../../collections/Items/spreadsheetAisles'
import { CATEGORIES } from '../../slugs'

/**
 * The slugs a cell names: undefined when the file has no such column (the item's aisles are left
 * as they are), [] for an empty cell (no aisles). The plugin has already split "a,b" into a list.
 */
function slugsIn(cell: unknown): string[] | undefined {
  if (cell === undefined) return undefined
  if (cell === null || cell === '') return []
  return (Array.isArray(cell) ? cell : String(cell).split(',')).map((slug) => String(slug ?? '').trim()).filter(Boolean)
}

type Rows = Record<string, unknown>[]

/**
 * The rows with their aisles as ids, and for each row that names an aisle that does not exist,
 * why (by row index). One query for the whole file.
 */
export async function aisleIdsBySlug(req: PayloadRequest, rows: Rows): Promise<{ rows: Rows; problems: (string | undefined)[] }> {
  const wanted = [...new Set(rows.flatMap((row) => slugsIn(row[AISLES_COLUMN]) ?? []))]
  const found =
    wanted.length === 0
      ? []
      : (
          await req.payload.find({
            collection: CATEGORIES,
            where: { slug: { in: wanted } },
            pagination: false,
            depth: 0,
            select: { slug: true },
            overrideAccess: false,
            req,
          })
        ).docs
  const ids = new Map(found.map((aisle) => [aisle.slug, aisle.id]))
  const problems: (string | undefined)[] = []
  const resolved = rows.map((row, index) => {
    const slugs = slugsIn(row[AISLES_COLUMN])
    if (slugs === undefined) return row
    const unknown = slugs.filter((slug) => !ids.has(slug))
    if (unknown.length > 0) {
      problems[index] =
        `${AISLES_COLUMN}: ${unknown.length === 1 ? 'no aisle has the slug' : 'no aisles have the slugs'} ${unknown.map((slug) => `"${slug}"`).join(', ')}`
    }
    return { ...row, [AISLES_COLUMN]: slugs.filter((slug) => ids.has(slug)).map((slug) => ids.get(slug)) }
  })
  return { rows: resolved, problems }
}
