import { stat } from 'node:fs/promises'
import path from 'node:path'

type UploadHandlerArgs = { params: { filename: string } }

/**
 * Upload handler for collections stored on disk: a file that is not there is a 404. (Payload
 * answers a 500 for a name that is not on disk, e.g. /api/media/file/nothing.png.)
 */
export const missingFileIsNotFound =
  (staticDir: string) =>
  (_req: unknown, { params: { filename } }: UploadHandlerArgs): Promise<Response> | Promise<void> => {
    const dir = path.resolve(staticDir)
    const file = path.resolve(dir, filename)
    // Outside the folder: Payload refuses it with a 400.
    if (!file.startsWith(dir + path.sep)) return Promise.resolve()
    return stat(file).then(
      (stats) => (stats.isFile() ? undefined : notFound()),
      () => notFound(),
    ) as Promise<Response>
  }

const notFound = (): Response => Response.json({ errors: [{ message: 'File not found.' }] }, { status: 404 })
