import type { PayloadRequest } from 'payload'

import { APIError } from 'payload'

import { countAttempt, forgetCounter, type Lifetime, readCounter } from './attemptCounters'

/**
 * The one answer to every failed login, whatever the reason (unknown username, wrong password,
 * an address slowed down for guessing): a different answer would tell which usernames exist.
 */
export const LOGIN_FAILED_MESSAGE = 'The username or password is incorrect.'
export const LOGIN_FAILED_STATUS = 401

/** A login refused without checking the password; answered exactly like a wrong password. */
export class LoginRefused extends APIError {
  constructor() {
    super(LOGIN_FAILED_MESSAGE, LOGIN_FAILED_STATUS, undefined, true)
    this.name = 'LoginRefused'
  }
}

/** Wrong passwords one address may give for one account before it has to wait. */
export const FAILURES_BEFORE_WAIT = 5
/** The first wait; it doubles with every further failure from that address, up to MAX_WAIT_MS. */
const FIRST_WAIT_MS = 60_000
const MAX_WAIT_MS = 60 * 60_000
/** Failures (from all addresses) after which an account is guarded for GUARD_MS. */
export const FAILURES_BEFORE_GUARD = 20
const GUARD_MS = 60 * 60_000

/**
 * Counters per account + address and per account, in the database (cms/security/attemptCounters.ts),
 * shared by every CMS process on it. A pair's failures are remembered for a day after the last
 * one; an account's for GUARD_MS after its last. Made-up usernames add counters only as fast as
 * the per-address rate limit lets them, and every counter lapses.
 */
const PAIR: Lifetime = { ttlMs: 24 * 60 * 60_000, extend: true }
const ACCOUNT: Lifetime = { ttlMs: GUARD_MS, extend: true }

const pairKey = (username: string, ip: string) => `pair\n${username}\n${ip}`
const accountKey = (username: string) => `account\n${username}`

/** The account name as Payload looks it up (lower case, trimmed). */
export const accountName = (username: unknown): string => (typeof username === 'string' ? username.toLowerCase().trim() : '')

/**
 * Whether this address must wait before trying this account again. No lock-out lever: a
 * stranger's failures slow down the stranger's address only, never the owner's.
 * - per account + address: after FAILURES_BEFORE_WAIT wrong passwords, a wait of one minute that
 *   doubles with each further failure (at most an hour); a success clears it;
 * - per account: once FAILURES_BEFORE_GUARD wrong passwords came from anywhere within an hour
 *   (many addresses guessing), an address with any failure against it is refused while the
 *   guard lasts; addresses that never failed (the owner's) still log in with the right password
 *   and, where set up, the second factor.
 * Unknown usernames are counted alike, so the throttle does not tell which ones exist either.
 */
export async function mustWait(req: PayloadRequest, username: string, ip: string, now = Date.now()): Promise<boolean> {
  const pair = await readCounter(req.payload, pairKey(username, ip), now)
  if (!pair) return false
  if (pair.count >= FAILURES_BEFORE_WAIT) {
    const last = pair.expiresAt - PAIR.ttlMs
    const wait = Math.min(FIRST_WAIT_MS * 2 ** (pair.count - FAILURES_BEFORE_WAIT), MAX_WAIT_MS)
    if (now < last + wait) return true
  }
  // A live account counter is one whose last failure is less than GUARD_MS old.
  const account = await readCounter(req.payload, accountKey(username), now)
  return Boolean(account && account.count >= FAILURES_BEFORE_GUARD)
}

export async function recordFailure(req: PayloadRequest, username: string, ip: string, now = Date.now()): Promise<void> {
  await countAttempt(req, pairKey(username, ip), PAIR, now)
  await countAttempt(req, accountKey(username), ACCOUNT, now)
}

/** The owner got in from this address: it need not wait any more. */
export async function recordSuccess(req: PayloadRequest, username: string, ip: string): Promise<void> {
  await forgetCounter(req, pairKey(username, ip))
}
