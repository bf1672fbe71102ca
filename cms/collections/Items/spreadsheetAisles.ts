/**
 * In a spreadsheet an item's aisles are one `categories` cell of aisle slugs separated by commas
 * ("drinks,breakfast-staples"): people read and type slugs, not database ids. The plugin's
 * field hooks are synchronous, so the export side is this field hook (the plugin exports at depth
 * 1: the aisles come populated) and the import side, which must look the slugs up, runs in the
 * import's "before" hook over the whole file at once (plugins/importExport/aisleSlugs.ts).
 */
export const AISLES_COLUMN = 'categories'

/** Export (the field's beforeExport hook): the aisles' slugs, comma-separated. */
export const aislesAsSlugs = ({ value }: { value: unknown }): string | undefined => {
  if (value === null || value === undefined) return ''
  if (!Array.isArray(value)) return undefined
  return value.map((aisle) => (aisle && typeof aisle === 'object' && 'slug' in aisle ? String(aisle.slug) : String(aisle))).join(',')
}
