import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import type { EmailAdapter, Payload } from 'payload'

import type { CmsConfig } from '../config'

/**
 * Payload's email adapter over the SMTP server named by SMTP_HOST (with SMTP_USER/SMTP_PASS when
 * the server wants a login); none without it, and then `sendMail` below writes the message to the
 * log instead (a laptop try-out has no mail server).
 */
export function emailAdapter(config: CmsConfig): Promise<EmailAdapter> | undefined {
  if (!config.SMTP_HOST) return undefined
  return nodemailerAdapter({
    defaultFromAddress: config.EMAIL_FROM,
    defaultFromName: "Uncle Pat's Minimart",
    // Not checked at start: a mail server that is down must not keep the shop from starting.
    skipVerify: true,
    transportOptions: {
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASS ?? '' } } : {}),
    },
  })
}

export type Mail = { subject: string; text: string; to: string[] }

/** Sends through SMTP when configured, otherwise logs the whole message (local mode). */
export async function sendMail(payload: Payload, config: CmsConfig, mail: Mail): Promise<void> {
  if (!config.SMTP_HOST || mail.to.length === 0) {
    payload.logger.info(
      { email: { to: mail.to, subject: mail.subject, text: mail.text } },
      mail.to.length === 0
        ? `Email not sent (nobody to send it to: set LOW_STOCK_ALERT_TO): ${mail.subject}`
        : `Email not sent (no SMTP_HOST): ${mail.subject}`,
    )
    return
  }
  await payload.sendEmail({ to: mail.to.join(', '), subject: mail.subject, text: mail.text })
}
