import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import type { Payload, TypedUser } from 'payload'
import { formatAdminURL } from 'payload/shared'
import type React from 'react'

import { adminNeedsTwoFactor } from '../access/adminNeedsTwoFactor'
import { cmsConfig } from '../config'
import { RequireTwoFactorClient } from './RequireTwoFactorClient'

type Props = { children: React.ReactNode; payload: Payload; user?: (TypedUser & { hasTotp?: boolean }) | null }

/**
 * With TOTP_REQUIRED_FOR_ADMINS, sends an admin without two-factor authentication to its setup
 * page (payload-totp's /setup-totp) before anything else: here when a page is rendered on the
 * server, in RequireTwoFactorClient after a login in the browser. The API refuses such an admin
 * anyway (cms/access/signedInStaff.ts); this makes the admin panel say why.
 */
export async function RequireTwoFactor({ children, payload, user }: Props) {
  const required = cmsConfig.TOTP_REQUIRED_FOR_ADMINS
  const adminRoute = payload.config.routes.admin
  const setupUrl = formatAdminURL({ adminRoute, path: '/setup-totp' })
  const allowed = [setupUrl, formatAdminURL({ adminRoute, path: '/logout' })]
  if (adminNeedsTwoFactor(user, required)) {
    const pathname = (await headers()).get('x-pathname') ?? ''
    if (!allowed.some((path) => pathname.startsWith(path))) {
      redirect(`${setupUrl}?back=${encodeURIComponent(pathname)}`)
    }
  }
  return (
    <RequireTwoFactorClient allowed={allowed} required={required} setupUrl={setupUrl}>
      {children}
    </RequireTwoFactorClient>
  )
}
