import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (text: string): Buffer => createHash('sha256').update(text).digest()

/**
 * Whether `given` is the shared secret, compared in constant time. Both sides are hashed first,
 * so the comparison takes as long whatever was sent, and the secret's length does not leak.
 */
export function isSecret(given: string | null | undefined, secret: string | undefined): boolean {
  if (!secret || !given) return false
  return timingSafeEqual(digest(given), digest(secret))
}

/** The token of an `Authorization: Bearer <token>` header. */
export const bearerToken = (header: string | null): string | null => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? null
