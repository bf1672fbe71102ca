import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'

import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'
import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'

import { summaryOf } from '../../shared/search.ts'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`items\` ADD \`summary\` text;`)
  await db.run(sql`ALTER TABLE \`_items_v\` ADD \`version_summary\` text;`)
  // Items saved before this migration get the summary their next save would give them, so the
  // shop's cards are not blank until then (versions keep theirs blank: they are history).
  const rows = (await db.all(sql`SELECT id, description FROM items WHERE description IS NOT NULL`)) as unknown[]
  for (const row of rows) {
    const [id, description] = Array.isArray(row) ? row : [(row as { id: number }).id, (row as { description: string }).description]
    const summary = summaryOf(convertLexicalToPlaintext({ data: JSON.parse(description) as SerializedEditorState }))
    await db.run(sql`UPDATE items SET summary = ${summary} WHERE id = ${id}`)
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`items\` DROP COLUMN \`summary\`;`)
  await db.run(sql`ALTER TABLE \`_items_v\` DROP COLUMN \`version_summary\`;`)
}
