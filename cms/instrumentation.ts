/** Next calls register() once when a server process starts; the CMS boots eagerly there. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { boot } = await import('./boot')
    await boot()
  }
}
