/** The rule both apps apply to their secrets in production (PAYLOAD_SECRET, REVALIDATE_SECRET). */
export const SECRET_MIN_LENGTH = 32

/** Why this secret is too weak for production, or undefined when it is fine. */
export function secretWeakness(secret: string): string | undefined {
  if (secret.length < SECRET_MIN_LENGTH) return `must be at least ${SECRET_MIN_LENGTH} characters in production`
  // Catches "aaaa…", "abcabc…" and other typed-in fillers; `openssl rand -hex 32` has 16 distinct.
  if (new Set(secret).size < 10) return 'is too repetitive to be a secret (use e.g. `openssl rand -hex 32`)'
  return undefined
}

/** What production requires of REVALIDATE_SECRET, the purge secret both apps hold. */
export function purgeSecretProblems(secret: string | undefined): string[] {
  if (!secret) {
    return [
      'REVALIDATE_SECRET is not set: production needs the secret the CMS and the storefront share for cache purges (e.g. `openssl rand -hex 32`).',
    ]
  }
  const weakness = secretWeakness(secret)
  return weakness ? [`REVALIDATE_SECRET ${weakness}.`] : []
}
