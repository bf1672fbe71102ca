/**
 * An S3-compatible server on this machine for the upload tests: s3rver (the maintained
 * @20minutes fork, MIT; not MinIO, whose server is AGPL), started in the test process on a free
 * port with its own folder and an empty bucket. It checks SigV4 signatures with its one account
 * (S3RVER/S3RVER), stores objects with their content type, and answers the calls Payload's S3
 * adapter makes (PutObject, HeadObject, GetObject with ranges, DeleteObject) as S3 does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import S3rver from '@20minutes/s3rver'
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'

export type TestS3 = {
  /** What the tests ran on, for their first line. */
  description: string
  bucket: string
  /** The CMS's S3_* variables for this server. */
  env: Record<string, string>
  client: S3Client
  /** Every key in the bucket, sorted. */
  keys: () => Promise<string[]>
  stop: () => Promise<void>
}

const ACCOUNT = 'S3RVER' // s3rver's built-in access key id and secret

export async function startS3(bucket = 'minimart-media'): Promise<TestS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'minimart-s3-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCOUNT, secretAccessKey: ACCOUNT },
  })
  // s3rver signs a bucket-level request (a listing) as "/bucket", while the SDK sends and signs
  // "/bucket/": its signature check then fails. The test's own listing sends "/bucket" (same
  // meaning). Payload's adapter only makes object-level calls, which need no such help.
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: string }
      if (request.path && /^\/[^/]+\/$/.test(request.path)) request.path = request.path.slice(0, -1)
      return next(args)
    },
    { step: 'build', name: 's3rverBucketPath' },
  )
  const version = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@20minutes/s3rver/package.json'), 'utf8')).version
  return {
    description: `@20minutes/s3rver ${version} (in the test process, ${endpoint}, signatures checked)`,
    bucket,
    env: {
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: ACCOUNT,
      S3_SECRET_ACCESS_KEY: ACCOUNT,
      S3_FORCE_PATH_STYLE: 'true',
    },
    client,
    keys: async () => {
      const listing = await client.send(new ListObjectsV2Command({ Bucket: bucket }))
      return (listing.Contents ?? []).map((object) => object.Key ?? '').sort()
    },
    stop: async () => {
      client.destroy()
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
