'use client'
import { useAuth } from '@payloadcms/ui'
import { usePathname, useRouter } from 'next/navigation'
import type React from 'react'
import { useEffect } from 'react'

import { adminNeedsTwoFactor } from '../access/adminNeedsTwoFactor'

/** `allowed`: pages such an admin may still see (the setup page itself, logging out). */
type Props = { allowed: string[]; children: React.ReactNode; required: boolean; setupUrl: string }

/**
 * The in-browser half of RequireTwoFactor: after a login (a client-side navigation, which does
 * not render the layout again on the server) an admin without two-factor goes to its setup page.
 */
export function RequireTwoFactorClient({ allowed, children, required, setupUrl }: Props) {
  const { user } = useAuth<{ hasTotp?: boolean; roles?: string[] }>()
  const pathname = usePathname()
  const router = useRouter()
  useEffect(() => {
    if (adminNeedsTwoFactor(user, required) && !allowed.some((path) => pathname.startsWith(path))) {
      router.push(`${setupUrl}?back=${encodeURIComponent(pathname)}`)
    }
  }, [allowed, pathname, required, router, setupUrl, user])
  return <>{children}</>
}
