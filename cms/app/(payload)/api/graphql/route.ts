/* Payload's GraphQL API, as Payload generates it, its body checked first (cms/security/requestBodies.ts). */
import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { guardGraphqlBody } from '../../../../security/requestBodies'

export const POST = guardGraphqlBody(GRAPHQL_POST(config))
export const OPTIONS = REST_OPTIONS(config)
