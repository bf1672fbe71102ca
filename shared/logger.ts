/**
 * One logger set-up for both apps (pino): JSON lines in production, for log collectors; readable
 * coloured lines on a laptop. Every line written while a request is served carries its requestId.
 * Anything that looks like a credential is replaced with "[redacted]", wherever it is logged.
 */
import { destination, type Logger, type LoggerOptions, pino } from 'pino'
import { build as prettyStream } from 'pino-pretty'

import { currentRequestId } from './requestContext.ts'

export type { Logger }

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

const REDACTED_KEYS = ['password', 'token', 'secret', 'authorization', 'cookie', 'apiKey']
const redactPaths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`])

export function createLogger({ name, json, level = 'info' }: { name: string; json: boolean; level?: LogLevel }): Logger {
  const options: LoggerOptions = {
    name,
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    mixin: () => {
      const requestId = currentRequestId()
      return requestId ? { requestId } : {}
    },
  }
  if (json) {
    // Written asynchronously (pino flushes what is left when the process exits): a write call
    // per request line, made in the request's path, is measurable under load.
    return pino({ ...options, timestamp: pino.stdTimeFunctions.isoTime }, destination({ sync: false }))
  }
  return pino(options, prettyStream({ colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss', sync: true }))
}
