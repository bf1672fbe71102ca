/**
 * An item's photo, when it has one: an upload in the CMS's media collection (url, alt, width,
 * height and Payload's resized `sizes`), read defensively because it comes over the wire.
 * Relative upload URLs (/api/media/file/…) live on the CMS.
 */
export type ItemImage = {
  src: string
  alt: string
  width?: number
  height?: number
  /** Every size the CMS made, for the browser to pick from ("url 400w, …"). */
  srcset?: string
}

type Upload = { url?: unknown; alt?: unknown; width?: unknown; height?: unknown; sizes?: unknown }

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined

export function itemImage(item: { name: string; image?: unknown }, cmsBase: string): ItemImage | null {
  const upload = item.image
  // At depth 0, or when the upload was deleted, there is only an id or nothing.
  if (!isObject(upload) || typeof (upload as Upload).url !== 'string') return null
  const { url, alt, width, height, sizes } = upload as Upload & { url: string }
  const absolute = (path: string): string => new URL(path, `${cmsBase}/`).toString()

  const candidates = [...(isObject(sizes) ? Object.values(sizes) : []).filter(isObject), { url, width }].flatMap((size) =>
    typeof size.url === 'string' && positive(size.width) ? [`${absolute(size.url)} ${size.width}w`] : [],
  )

  return {
    src: absolute(url),
    // The shop always has words for the photo: the editor's alt text, or the item's name.
    alt: typeof alt === 'string' && alt.trim() ? alt.trim() : item.name,
    width: positive(width),
    height: positive(height),
    srcset: candidates.length > 1 ? [...new Set(candidates)].join(', ') : undefined,
  }
}
