import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import app from '@adonisjs/core/services/app'
import securityHeaders from '#config/security_headers'

/**
 * `feature=(allowlist)` pairs, e.g. `camera=(), microphone=(self)`.
 */
export function permissionsPolicy(features: Record<string, string[]>) {
  return Object.entries(features)
    .map(([feature, allow]) => `${feature}=(${allow.join(' ')})`)
    .join(', ')
}

const EVERYWHERE = permissionsPolicy(securityHeaders.permissions)
const ON_CALLS = permissionsPolicy({
  ...securityHeaders.permissions,
  ...securityHeaders.callPermissions,
})

/**
 * The policy of responses no route answers (404s of unknown URLs), which
 * Shield (a router middleware) never sees; routed responses keep Shield's
 * nonce'd policy. Production only: in development Vite injects styles.
 */
const UNROUTED_CSP =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; " +
  "frame-ancestors 'none'; form-action 'self'; img-src 'self' data:"

const { maxAgeSeconds, includeSubDomains } = securityHeaders.hsts
const HSTS = `max-age=${maxAgeSeconds}${includeSubDomains ? '; includeSubDomains' : ''}`

/**
 * Server middleware (start/kernel.ts): Referrer-Policy, Permissions-Policy,
 * Cross-Origin-Opener-Policy on every response (pages, assets, errors), a
 * strict CSP where no route sets its own, and HSTS on https requests only. `request.protocol()` believes
 * X-Forwarded-Proto only from a proxy TRUST_PROXY trusts.
 */
export default class SecurityHeadersMiddleware {
  async handle({ request, response }: HttpContext, next: NextFn) {
    response.header('Referrer-Policy', securityHeaders.referrerPolicy)
    response.header('Permissions-Policy', EVERYWHERE)
    response.header('Cross-Origin-Opener-Policy', securityHeaders.crossOriginOpenerPolicy)
    if (request.protocol() === 'https') response.header('Strict-Transport-Security', HSTS)
    await next()
    if (app.inProduction && !response.getHeader('Content-Security-Policy')) {
      response.header('Content-Security-Policy', UNROUTED_CSP)
    }
  }
}

/**
 * Route middleware of the call page: camera and microphone for this
 * origin (getUserMedia), everything else still off.
 */
export function allowCameraAndMicrophone({ response }: HttpContext, next: NextFn) {
  response.header('Permissions-Policy', ON_CALLS)
  return next()
}
