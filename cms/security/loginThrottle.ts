import { LRUCache } from 'lru-cache'
import { APIError } from 'payload'

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

type Failures = { count: number; last: number }

/**
 * Counters per account + address and per account, in this process's memory (as the per-address
 * limit in authRateLimit.ts), bounded so that made-up usernames cannot fill it. On globalThis
 * because Next bundles the REST and GraphQL routes separately.
 */
const shared = globalThis as { minimartLoginFailures?: LRUCache<string, Failures> }
const failures = (shared.minimartLoginFailures ??= new LRUCache<string, Failures>({ max: 100_000, ttl: 24 * 60 * 60_000 }))

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
export function mustWait(username: string, ip: string, now = Date.now()): boolean {
  const pair = failures.get(pairKey(username, ip))
  if (!pair) return false
  if (pair.count >= FAILURES_BEFORE_WAIT) {
    const wait = Math.min(FIRST_WAIT_MS * 2 ** (pair.count - FAILURES_BEFORE_WAIT), MAX_WAIT_MS)
    if (now < pair.last + wait) return true
  }
  const account = failures.get(accountKey(username))
  return Boolean(account && account.count >= FAILURES_BEFORE_GUARD && now < account.last + GUARD_MS)
}

export function recordFailure(username: string, ip: string, now = Date.now()): void {
  for (const key of [pairKey(username, ip), accountKey(username)]) {
    const previous = failures.get(key)
    const expired = key.startsWith('account') && previous && now >= previous.last + GUARD_MS
    failures.set(key, { count: previous && !expired ? previous.count + 1 : 1, last: now })
  }
}

/** The owner got in from this address: it need not wait any more. */
export function recordSuccess(username: string, ip: string): void {
  failures.delete(pairKey(username, ip))
}
