/** Next calls register() once when a server process starts; the CMS boots eagerly there. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { cmsConfig } = await import('./config')
    if (!cmsConfig.TRUST_PROXY) {
      const { distrustForwardedFor } = await import('./security/forwardedFor')
      distrustForwardedFor()
    }
    const { boot } = await import('./boot')
    await boot()
  }
}
