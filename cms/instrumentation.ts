/**
 * Next calls register() once when the server starts. Payload would otherwise boot lazily on the
 * first request; booting here means a bad configuration, a failed migration or a refused
 * production password stops the start with a clear message instead of a 500 later.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  const { readCmsEnv } = await import('./env')
  try {
    readCmsEnv()
    const { getPayload } = await import('payload')
    const { default: config } = await import('@payload-config')
    await getPayload({ config })
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
}
