import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { presentVariables, readEnv } from './env.ts'

// Next.js's types make NODE_ENV required in ProcessEnv; these tests pass only what they need.
const env = (variables: Record<string, string | undefined>) => variables as NodeJS.ProcessEnv

const schema = z.object({
  PORT: z.coerce.number({ message: 'PORT must be a number.' }).int().default(4321),
  NAME: z.string({ message: 'NAME is required.' }),
})

describe('readEnv: how both apps read their environment', () => {
  it('treats an empty value (`VAR=` in .env) as unset', () => {
    expect(presentVariables(env({ A: '', B: 'x', C: undefined }))).toEqual({ B: 'x' })
    expect(readEnv('test', schema, () => [], env({ NAME: 'pat', PORT: '' }))).toEqual({ NAME: 'pat', PORT: 4321 })
  })

  it("lists every problem at once, the schema's and the production rules', under the app's name", () => {
    const read = () => readEnv('CMS', schema, (env) => (env.NAME ? [] : ['production needs a NAME too.']), env({ PORT: 'abc' }))
    expect(read).toThrowError(/^Minimart CMS cannot start; fix its configuration:/)
    expect(read).toThrowError(/ {2}- PORT must be a number\./)
    expect(read).toThrowError(/ {2}- NAME is required\./)
    expect(read).toThrowError(/ {2}- production needs a NAME too\./)
  })

  it('fails on a production problem even when the schema is satisfied', () => {
    expect(() => readEnv('shop', schema, () => ['weak secret.'], env({ NAME: 'pat' }))).toThrowError(/weak secret/)
  })
})
