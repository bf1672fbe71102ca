import type { Payload, TypedUser } from 'payload'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { formatAdminURL } from 'payload/shared'
import React from 'react'

import { hasAdminRole } from '../access/signedInStaff'

type Props = { children: React.ReactNode; payload: Payload; user?: (TypedUser & { hasTotp?: boolean }) | null }

/**
 * With TOTP_REQUIRED_FOR_ADMINS, sends an admin without two-factor authentication to its setup
 * page (payload-totp's /setup-totp) before anything else. The API refuses such an admin anyway
 * (cms/access/signedInStaff.ts); this makes the admin panel say why.
 */
export async function RequireTwoFactor({ children, payload, user }: Props) {
  if (user && !user.hasTotp && hasAdminRole(user as never) && payload.config.custom?.totpRequiredForAdmins) {
    const adminRoute = payload.config.routes.admin
    const pathname = (await headers()).get('x-pathname') ?? ''
    const allowed = (['/setup-totp', '/logout'] as const).map((path) => formatAdminURL({ adminRoute, path }))
    if (!allowed.some((path) => pathname.startsWith(path))) {
      redirect(`${formatAdminURL({ adminRoute, path: '/setup-totp' })}?back=${encodeURIComponent(pathname)}`)
    }
  }
  return <>{children}</>
}
