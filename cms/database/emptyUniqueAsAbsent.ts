import type { Query, Schema } from 'mongoose'

/**
 * A Mongoose plugin (MongoDB only) for optional unique fields such as the item SKU: an empty value
 * is stored as an absent field, never as null.
 *
 * Why: Payload's MongoDB adapter gives an optional `unique: true` field a *sparse* unique index,
 * which skips documents without the field but indexes null like any value, so a second item saved
 * without a SKU (Payload writes null) was refused as a duplicate. A partial index
 * (`partialFilterExpression`) would avoid that on mongod, but FerretDB does not implement it, and
 * Payload has no option for it; an absent field works with the sparse index on both. Payload
 * reads an absent field as no value, as it does for fields added after a document was written.
 *
 * Applies to top-level paths with a sparse unique index: null becomes "leave it out" on insert,
 * and `$unset` in updates (Payload sends the whole document, so a cleared SKU arrives as null).
 */
export function emptyUniqueAsAbsent(schema: Schema): void {
  const paths = Object.entries(schema.paths)
    .filter(([name, type]) => !name.includes('.') && type.options?.unique && type.options?.sparse)
    .map(([name]) => name)
  if (paths.length === 0) return

  schema.pre('save', function dropNulls() {
    for (const name of paths) {
      if (this.get(name) === null) this.set(name, undefined)
    }
  })

  function unsetNulls(this: Query<unknown, unknown>) {
    const update = this.getUpdate() as Record<string, unknown> | null
    if (!update || Array.isArray(update)) return
    const unset: Record<string, 1> = { ...(update.$unset as Record<string, 1> | undefined) }
    const $set = update.$set as Record<string, unknown> | undefined
    for (const name of paths) {
      // A plain key of an update is an implicit $set.
      for (const target of [update, $set]) {
        if (target && target[name] === null) {
          delete target[name]
          unset[name] = 1
        }
      }
    }
    if (Object.keys(unset).length > 0) this.setUpdate({ ...update, $unset: unset })
  }
  schema.pre(['findOneAndUpdate', 'updateOne', 'updateMany'], unsetNulls)
}
