/**
 * The HTTP server both apps run in, so that they stop the same careful way on SIGTERM (docker
 * stop, a deploy) and SIGINT (Ctrl-C): stop accepting connections, let the requests in flight
 * finish (for at most `drainMs`), close what the app holds open (the database), exit 0.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

import type { Logger } from './logger.ts'

type Options = {
  logger: Logger
  /** How long requests in flight may take to finish after the signal. */
  drainMs?: number
}

// On globalThis: Payload registers its database here from inside Next's bundle, which has its own
// copy of this module.
const key = Symbol.for('minimart.onStop')
const globals = globalThis as typeof globalThis & { [key]?: Array<() => Promise<void>> }
const closers = (globals[key] ??= [])

/** Registers something to close (the database) once the last request has finished. */
export function onStop(close: () => Promise<void>): void {
  closers.push(close)
}

export function createGracefulServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
  { logger, drainMs = 10_000 }: Options,
): Server {
  let inFlight = 0
  let stopping = false
  let drained: () => void = () => {}

  const server = createServer((req, res) => {
    inFlight++
    // A request that arrives on a kept-alive connection while stopping is still served, once.
    if (stopping) res.setHeader('connection', 'close')
    res.once('close', () => {
      inFlight--
      if (!stopping) return
      server.closeIdleConnections()
      if (inFlight === 0) drained()
    })
    handle(req, res)
  })

  async function stop(signal: NodeJS.Signals): Promise<void> {
    if (stopping) {
      // Ctrl-C reaches every process of the group, and `concurrently -k` signals again: one stop.
      logger.info({ signal }, 'already stopping')
      return
    }
    stopping = true
    logger.info({ signal, inFlight }, 'stopping: no new connections; finishing the requests in flight')
    server.close()
    server.closeIdleConnections()
    const finished = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), drainMs)
      drained = () => {
        clearTimeout(timer)
        resolve(true)
      }
      if (inFlight === 0) drained()
    })
    if (!finished) {
      logger.warn({ inFlight, drainMs }, 'requests still running after the drain time were cut off')
      server.closeAllConnections()
    }
    let closed = true
    for (const close of closers) {
      try {
        await close()
      } catch (error) {
        logger.error({ err: error }, 'closing failed')
        closed = false
      }
    }
    logger.info('stopped')
    logger.flush()
    process.exit(finished && closed ? 0 : 1)
  }

  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
  return server
}
