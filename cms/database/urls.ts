/**
 * What a DATABASE_URI names, for the CMS (cms/database/index.ts) and `npm run backup` alike.
 * Plain string rules, no adapters: the backup script loads this without Payload.
 */
import path from 'node:path'

export const isMongoUri = (uri: string | undefined): uri is string => Boolean(uri && /^mongodb(\+srv)?:\/\//.test(uri))

/** `npm start`'s database (a production build). */
export const SQLITE_URL = 'file:./data/minimart.db'
/** `npm run dev`'s: dev mode pushes schema changes into it, which a production build would refuse to migrate. */
export const DEV_SQLITE_URL = 'file:./data/dev.db'

/** The file behind a file: URL, resolved against the working directory as libsql does. */
export function sqliteFile(url: string): string | undefined {
  const file = url.replace(/^file:(\/\/)?/, '').split('?')[0]
  return file && file !== ':memory:' ? path.resolve(file) : undefined
}
