/**
 * The compressed copies of a page the storefront keeps (lib/cache.ts): each encoding made at most
 * once per page, in one call on the whole page (it is in memory already), and shared by the render
 * that stored it and every cache hit after it (storefront/server.ts, which loads Astro's bundle as a
 * separate module graph, so the copies live on the page itself). One synchronous call costs a
 * fraction of a streaming compressor per response (the `compression` middleware, which still serves
 * every other response: redirects, 404s, previews, stylesheets).
 * Pure (no Astro imports).
 */
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib'

export type Encoding = 'br' | 'gzip' | undefined

/** A page's body, plain (key `undefined`) and in each encoding asked for so far. */
export type Variants = Map<Encoding, Buffer<ArrayBuffer>>

/** Brotli if the browser takes it, else gzip, else none (a `q=0` refuses an encoding). */
export function preferredEncoding(accept: string | null | undefined): Encoding {
  if (!accept) return undefined
  const offered = accept.split(',').map((part) => part.trim().split(';'))
  const acceptable = (name: string) => offered.some(([coding, q]) => coding === name && !/^\s*q=0(\.0*)?\s*$/.test(q ?? ''))
  return acceptable('br') ? 'br' : acceptable('gzip') ? 'gzip' : undefined
}

/** The page's body in `encoding`, compressed on first use. */
export function encodedBody(variants: Variants, encoding: Encoding): Buffer<ArrayBuffer> {
  let body = variants.get(encoding)
  if (!body) {
    const plain = variants.get(undefined)!
    // Brotli at quality 4 (the compression middleware's default): close to its best ratio on HTML
    // for a small fraction of quality 11's time; the size hint lets it use a small window.
    body =
      encoding === 'br'
        ? brotliCompressSync(plain, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_SIZE_HINT]: plain.byteLength } })
        : gzipSync(plain, { level: 6 })
    variants.set(encoding, body)
  }
  return body
}

/** A page's headers as sent with `body` in `encoding` (its own length, encoding and Vary replaced). */
export function encodedHeaders(headers: [string, string][], encoding: Encoding, body: Buffer): [string, string][] {
  return [
    ...headers.filter(([name]) => !/^(content-length|content-encoding|vary)$/i.test(name)),
    ['vary', 'Accept-Encoding'],
    ['content-length', String(body.byteLength)],
    ...(encoding ? [['content-encoding', encoding] as [string, string]] : []),
  ]
}
