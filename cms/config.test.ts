import { describe, expect, it } from 'vitest'

import { readCmsConfig, s3Problems } from './config'

/** An environment of only these variables (NODE_ENV and the rest unset). */
const read = (vars: Record<string, string>) => readCmsConfig(vars as NodeJS.ProcessEnv)

const s3 = {
  S3_BUCKET: 'minimart-media',
  S3_REGION: 'ap-southeast-1',
  S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  S3_SECRET_ACCESS_KEY: 'secret-example',
}

describe('S3 settings for uploads', () => {
  it('none: uploads stay in MEDIA_DIR', () => {
    expect(s3Problems({})).toEqual([])
    // As .env.example and docker-compose.yml write the default.
    expect(s3Problems({ S3_FORCE_PATH_STYLE: 'false' })).toEqual([])
    expect(s3Problems({ S3_FORCE_PATH_STYLE: 'true' })[0]).toMatch(/S3_FORCE_PATH_STYLE is set but S3_BUCKET/)
    expect(read({ PAYLOAD_SECRET: 'x' }).s3).toBeUndefined()
  })

  it('all four: uploads go to the bucket, with the optional endpoint and path style', () => {
    expect(s3Problems(s3)).toEqual([])
    expect(read({ PAYLOAD_SECRET: 'x', ...s3 }).s3).toEqual({
      bucket: 'minimart-media',
      region: 'ap-southeast-1',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret-example',
      endpoint: undefined,
      forcePathStyle: false,
    })
    const r2 = read({ PAYLOAD_SECRET: 'x', ...s3, S3_ENDPOINT: 'https://s3.example.com/', S3_FORCE_PATH_STYLE: 'true' }).s3
    expect(r2).toMatchObject({ endpoint: 'https://s3.example.com/', forcePathStyle: true })
  })

  it('some: the start is refused, naming what is set and what is missing', () => {
    expect(s3Problems({ S3_BUCKET: 'b' })).toEqual([
      'S3 storage is half configured: S3_BUCKET is set but S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are not. Set all of S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY (uploads go to the bucket), or none (uploads go to MEDIA_DIR).',
    ])
    expect(s3Problems({ S3_ENDPOINT: 'https://s3.example.com' })[0]).toMatch(/S3_ENDPOINT is set but S3_BUCKET, S3_REGION/)
    expect(() => read({ PAYLOAD_SECRET: 'x', ...s3, S3_SECRET_ACCESS_KEY: '' })).toThrow(
      /S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID are set but S3_SECRET_ACCESS_KEY is not/,
    )
    expect(() => read({ PAYLOAD_SECRET: 'x', ...s3, S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT must be an http\(s\) address/)
  })
})
