import type { AdminViewConfig, AuthStrategy, CollectionConfig, Endpoint, PayloadHandler, PayloadRequest, Plugin } from 'payload'

import { payloadTotp } from 'payload-totp'

import { signedInStaff } from '../../access/signedInStaff'
import { awaitingSecondFactor, staffAccount } from '../../access/staffAccount'
import { writeAuditEntry } from '../../audit'
import { countAuthAttempt } from '../../security/authRateLimit'
import { USERS } from '../../slugs'

type TotpOptions = Parameters<typeof payloadTotp>[0]

/**
 * Who may call each of payload-totp's endpoints. The plugin acts on `req.user` whatever
 * collection it came from, so an API key would write a secret onto the staff account with the
 * key's id. Each endpoint acts on the caller's own staff account only:
 * - verify is the second step of a login: a password-only (half) login is exactly its caller;
 * - setup needs a login that is not owing a code (a half login could replace the secret), and
 *   works before setup is done, as TOTP_REQUIRED_FOR_ADMINS needs;
 * - remove, and any endpoint a later plugin version adds, needs a full login (both factors).
 */
const MAY_CALL: Record<string, (req: PayloadRequest) => boolean> = {
  '/verify-totp': (req) => Boolean(staffAccount(req)),
  '/setup-totp': (req) => {
    const user = staffAccount(req)
    return Boolean(user && !awaitingSecondFactor(user))
  },
}
const fullySignedIn = (req: PayloadRequest): boolean => Boolean(signedInStaff(req))

/**
 * Refuses callers that may not use the endpoint (401 without credentials, 403 otherwise) before
 * the plugin runs. Six digits are guessable at speed, so each code check counts against the
 * client's per-IP budget like a password, and the second step of a login is audited like the first.
 */
function guarded(path: string, handler: PayloadHandler): PayloadHandler {
  const mayCall = MAY_CALL[path] ?? fullySignedIn
  return async (req) => {
    if (!mayCall(req)) {
      const status = req.user ? 403 : 401
      return Response.json(
        { ok: false, message: req.t(status === 401 ? 'error:unauthorized' : 'error:notAllowedToPerformAction') },
        { status },
      )
    }
    await countAuthAttempt(req, 'two-factor')
    const response = await handler(req)
    if (path === '/verify-totp' && req.user) {
      const { ok } = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { ok?: boolean }
      const username = String((req.user as { username?: string }).username ?? req.user.id)
      await writeAuditEntry(req, {
        action: ok ? 'login' : 'login-failed',
        collectionSlug: USERS,
        detail: ok ? 'two-factor code accepted' : 'wrong two-factor code',
        documentId: String(req.user.id),
        summary: ok ? `${username} passed the two-factor check` : `${username} gave a wrong two-factor code`,
      })
    }
    return response
  }
}

/** Our wrappers of the plugin's admin views (cms/components/TwoFactorViews.tsx), by its paths. */
const SAFE_VIEWS: Record<string, string> = {
  'payload-totp/rsc#TOTPSetup': '/cms/components/TwoFactorViews#SetupTwoFactor',
  'payload-totp/rsc#TOTPVerify': '/cms/components/TwoFactorViews#VerifyTwoFactor',
}

/** A view of the plugin's, pointed at our wrapper that only passes on a same-origin `back`. */
function withSafeBack(view: AdminViewConfig): AdminViewConfig {
  const component = view.Component
  if (!component || typeof component !== 'object' || !('path' in component) || !SAFE_VIEWS[component.path]) return view
  return { ...view, Component: { ...component, path: SAFE_VIEWS[component.path] } }
}

/**
 * payload-totp's login strategy reads its cookie through Next's `cookies()`, which throws outside
 * Next's request scope: cms/server.ts answers API reads without Next (cms/http/directApi.ts), for
 * requests without that cookie. Without the cookie the strategy finds no user anyway, so it is
 * asked only when the request carries one: the same result, and no `cookies()` call outside Next.
 */
function askedOnlyWithItsCookie(strategy: AuthStrategy): AuthStrategy {
  if (strategy.name !== 'totp') return strategy
  return {
    ...strategy,
    authenticate: (args) =>
      (args.headers.get('cookie') ?? '').includes(`${args.payload.config.cookiePrefix}-totp=`)
        ? strategy.authenticate(args)
        : { user: null },
  }
}

function withStrategiesAskedOnlyWithCookie(collection: CollectionConfig): CollectionConfig {
  if (typeof collection.auth !== 'object' || !collection.auth.strategies) return collection
  return { ...collection, auth: { ...collection.auth, strategies: collection.auth.strategies.map(askedOnlyWithItsCookie) } }
}

/**
 * payload-totp, with every endpoint it adds guarded, rate limited and audited, and its set-up and
 * code pages following only `back` addresses on this site.
 */
export const twoFactor =
  (options: TotpOptions): Plugin =>
  async (config) => {
    const ours = new Set(config.endpoints ?? [])
    const withTotp = await payloadTotp(options)(config)
    const views = withTotp.admin?.components?.views ?? {}
    return {
      ...withTotp,
      collections: withTotp.collections?.map(withStrategiesAskedOnlyWithCookie),
      admin: {
        ...withTotp.admin,
        components: {
          ...withTotp.admin?.components,
          views: Object.fromEntries(Object.entries(views).map(([key, view]) => [key, view && withSafeBack(view)])),
        },
      },
      endpoints: (withTotp.endpoints ?? []).map((endpoint: Endpoint) =>
        ours.has(endpoint) ? endpoint : { ...endpoint, handler: guarded(endpoint.path, endpoint.handler) },
      ),
    }
  }
