/** The part of @20minutes/s3rver (which ships no types) that tests/helpers/s3.ts uses. */
declare module '@20minutes/s3rver' {
  type Options = {
    address?: string
    port?: number
    silent?: boolean
    directory?: string
    configureBuckets?: { name: string }[]
  }
  export default class S3rver {
    constructor(options: Options)
    run(): Promise<{ address: string; port: number }>
    close(): Promise<void>
  }
}
