/** Files the tests upload: real images made with sharp, and CSV/multipart bodies. */
import sharp from 'sharp'

/** A real PNG photo-sized image (plain colour), made on the spot. */
export async function pngImage({ width = 800, height = 600, colour = '#d2691e' } = {}): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer()
}

/** A multipart body as Payload's admin sends it: the file plus the other fields as `_payload`. */
export function uploadForm(file: { data: Buffer | string; name: string; type: string }, fields: Record<string, unknown>): FormData {
  const form = new FormData()
  form.append('file', new Blob([typeof file.data === 'string' ? file.data : new Uint8Array(file.data)], { type: file.type }), file.name)
  form.append('_payload', JSON.stringify(fields))
  return form
}

/** POSTs multipart to the CMS's REST API. */
export async function upload(
  baseUrl: string,
  path: string,
  form: FormData,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/api/${path}`, { method, headers, body: form })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {}
  return { status: response.status, body }
}
