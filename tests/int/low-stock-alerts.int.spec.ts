/**
 * Low-stock alerts (cms/collections/Items/hooks/lowStockAlert.ts): a real CMS sends through
 * Payload's nodemailer adapter to a real SMTP server running in this test process. One message per
 * crossing of LOW_STOCK_THRESHOLD from above, none for saves that stay low, none for a change that
 * is rolled back; recipients are the admins and staff who have an email address.
 */
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { FERRETDB_LACKS, freshDatabaseUri, knownDifference } from '../helpers/database'
import { upload, uploadForm } from '../helpers/files'
import { login, rest } from '../helpers/rest'
import { type Cms, freePort, startCms, TEST_ADMIN_PASSWORD } from '../helpers/servers'

type Message = { from: string; to: string[]; subject: string; text: string }

let smtp: SMTPServer
let messages: Message[] = []
let cms: Cms
let token: string

/** Header unfolding and the plain-text body; our messages are ASCII, quoted-printable at most. */
function parse(raw: string, envelope: { from: string; to: string[] }): Message {
  const [head, ...body] = raw.split(/\r?\n\r?\n/)
  const subject = /^Subject: (.*)$/im.exec(head.replace(/\r?\n[ \t]+/g, ' '))?.[1] ?? ''
  const text = body
    .join('\n\n')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)))
  return { ...envelope, subject, text }
}

beforeAll(async () => {
  const port = await freePort()
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk) => (raw += chunk))
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : ''
        messages.push(parse(raw, { from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address).sort() }))
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve))
  cms = await startCms({
    databaseUri: freshDatabaseUri(),
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), EMAIL_FROM: 'shop@minimart.test', LOW_STOCK_THRESHOLD: '5' },
  })
  token = await login(cms.url, 'unclepat', TEST_ADMIN_PASSWORD)
  // Recipients: every admin and member of staff with an email address (LOW_STOCK_ALERT_TO is unset).
  const me = await rest(cms.url, 'users/me', { token })
  expect((await rest(cms.url, `users/${me.body.user.id}`, { method: 'PATCH', token, body: { email: 'pat@minimart.test' } })).status).toBe(
    200,
  )
  const staff = await rest(cms.url, 'users', {
    method: 'POST',
    token,
    body: { username: 'mei', password: 'mei-test-password', roles: ['staff'], email: 'mei@minimart.test' },
  })
  expect(staff.status).toBe(201)
  await rest(cms.url, 'users', { method: 'POST', token, body: { username: 'noemail', password: 'noemail-password', roles: ['staff'] } })
})
afterAll(async () => {
  await cms?.stop()
  await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()))
})
beforeEach(() => {
  messages = []
})

async function createItem(name: string, quantity: number): Promise<number | string> {
  const created = await rest(cms.url, 'items', { method: 'POST', token, body: { name, price: 150, quantity, _status: 'published' } })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body.doc.id
}
const setQuantity = async (id: number | string, quantity: number) => {
  const response = await rest(cms.url, `items/${id}`, { method: 'PATCH', token, body: { quantity } })
  expect(response.status, JSON.stringify(response.body)).toBe(200)
}

describe('low-stock alerts by email', () => {
  it('send one message per crossing: none while it stays low, one again after a restock and a new crossing', async () => {
    const id = await createItem('Milo Tin 400 g', 12)
    expect(messages).toEqual([])

    await setQuantity(id, 4) // 12 → 4: crosses
    await expect.poll(() => messages.length).toBe(1)
    expect(messages[0]).toMatchObject({
      from: 'shop@minimart.test',
      to: ['mei@minimart.test', 'pat@minimart.test'],
      subject: 'Low stock: Milo Tin 400 g (4 left)',
    })
    expect(messages[0].text).toContain(`/admin/collections/items/${id}`)

    await setQuantity(id, 3) // stays low
    await setQuantity(id, 0) // still low, now sold out
    await rest(cms.url, `items/${id}`, { method: 'PATCH', token, body: { price: 175 } }) // not about stock
    expect(messages).toHaveLength(1)

    await setQuantity(id, 20) // restocked: armed again
    await setQuantity(id, 8) // above the threshold: nothing
    expect(messages).toHaveLength(1)
    await setQuantity(id, 5) // exactly the threshold: crosses again
    await expect.poll(() => messages.length).toBe(2)
    expect(messages[1].subject).toBe('Low stock: Milo Tin 400 g (5 left)')
  })

  it('never for a new item that starts low (nothing crossed)', async () => {
    await createItem('Starts Low', 2)
    expect(messages).toEqual([])
  })

  it('send one message for a bulk edit that takes several items low, naming each', async () => {
    const first = await createItem('Bulk Kopi', 9)
    const second = await createItem('Bulk Teh', 7)
    await createItem('Bulk Already Low', 1)
    const bulk = await rest(cms.url, `items?where[name][like]=Bulk&depth=0`, { method: 'PATCH', token, body: { quantity: 2 } })
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200)
    expect(bulk.body.docs).toHaveLength(3)
    await expect.poll(() => messages.length).toBe(1)
    expect(messages[0].subject).toBe('Low stock: 2 items at 5 or fewer')
    expect(messages[0].text).toContain('Bulk Kopi: 2 left')
    expect(messages[0].text).toContain('Bulk Teh: 2 left')
    expect(messages[0].text).not.toContain('Bulk Already Low')
    expect(messages[0].text).toContain(`/admin/collections/items/${first}`)
    expect(messages[0].text).toContain(`/admin/collections/items/${second}`)
  })

  knownDifference(FERRETDB_LACKS.transactions)(
    'send one for a CSV import that crosses, and none for an import that is rolled back',
    async () => {
      const id = await createItem('Csv Sardines', 30)
      const importCsv = async (csv: string) =>
        upload(
          cms.url,
          'imports',
          uploadForm(
            { data: csv, name: 'stock.csv', type: 'text/csv' },
            { collectionSlug: 'items', importMode: 'update', matchField: 'id' },
          ),
          { authorization: `JWT ${token}` },
        )

      // A bad second line: the whole import is refused and rolled back, the crossing on line 1 too.
      const refused = await importCsv(`id,quantity\n${id},1\n${id},not-a-number\n`)
      expect(refused.status).toBeLessThan(500)
      expect((await rest(cms.url, `items/${id}?depth=0`, { token })).body.quantity).toBe(30)
      expect(messages).toEqual([])

      const imported = await importCsv(`id,quantity\n${id},1\n`)
      expect(imported.status, JSON.stringify(imported.body)).toBe(201)
      expect((await rest(cms.url, `items/${id}?depth=0`, { token })).body.quantity).toBe(1)
      await expect.poll(() => messages.length).toBe(1)
      expect(messages[0].subject).toBe('Low stock: Csv Sardines (1 left)')
    },
  )

  it('are not sent for a save that fails validation', async () => {
    const id = await createItem('Fails Validation', 10)
    const refused = await rest(cms.url, `items/${id}`, { method: 'PATCH', token, body: { quantity: 2, price: -5 } })
    expect(refused.status).toBe(400)
    expect(messages).toEqual([])
  })
})
