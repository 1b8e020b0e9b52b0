import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import pushConfig from '#config/push'
import { createECDH } from 'node:crypto'
import { isIP } from 'node:net'
import { type HostResolver, lookupAllAddresses, nonPublicHostProblem } from '#push/endpoint_host'

/** How strictly endpoints are judged: config/push.ts's by default, tests pass their own. */
export type EndpointChecks = {
  /** https on public hosts only (resolved with `resolveHost`): production's rule. */
  strict: boolean
  resolveHost: HostResolver
}

const ENDPOINT_MESSAGE = 'The endpoint must be a push service URL'

/**
 * A push service URL as browsers give them: https (plain http is accepted
 * outside production, for local test endpoints), no credentials, and in
 * production (`strict`) a real host name, never an IP address or localhost,
 * resolving to public addresses only (the server posts to this URL;
 * endpoint_host.ts, which push_sender.ts asks again before each delivery).
 */
const pushEndpointRule = vine.createRule(
  async (value: unknown, checks: EndpointChecks, field: FieldContext) => {
    if (typeof value !== 'string') return
    let url: URL
    try {
      url = new URL(value)
    } catch {
      field.report(ENDPOINT_MESSAGE, 'pushEndpoint', field)
      return
    }
    const schemes = checks.strict ? ['https:'] : ['https:', 'http:']
    const host = url.hostname.replace(/^\[|\]$/g, '')
    const privateHost = isIP(host) !== 0 || host === 'localhost' || !host.includes('.')
    if (
      !schemes.includes(url.protocol) ||
      url.username ||
      url.password ||
      (checks.strict && privateHost)
    ) {
      field.report(ENDPOINT_MESSAGE, 'pushEndpoint', field)
      return
    }
    if (!checks.strict) return
    const problem = await nonPublicHostProblem(host, checks.resolveHost)
    if (problem) field.report(`${ENDPOINT_MESSAGE}: its host ${problem}`, 'pushEndpoint', field)
  }
)

/** A throwaway key pair: computing a secret with a point proves the point is on the curve. */
const curveCheck = createECDH('prime256v1')
curveCheck.generateKeys()

/**
 * keys.p256dh: the browser's P-256 public key, base64url, an uncompressed
 * point (65 bytes) that really is on the curve, or encrypting for it would
 * fail at every delivery.
 */
const p256dhRule = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  const bytes = decodeBase64Url(value)
  let valid = bytes?.length === 65 && bytes[0] === 0x04
  if (valid) {
    try {
      curveCheck.computeSecret(bytes!)
    } catch {
      valid = false
    }
  }
  if (!valid) field.report('keys.p256dh must be a base64url P-256 public key', 'p256dh', field)
})

/** keys.auth: the 16-byte authentication secret, base64url. */
const authSecretRule = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    if (decodeBase64Url(value)?.length !== 16)
      field.report('keys.auth must be a base64url 16-byte secret', 'authSecret', field)
  }
)

function decodeBase64Url(value: string) {
  const trimmed = value.replace(/=+$/, '')
  return /^[A-Za-z0-9_-]+$/.test(trimmed) ? Buffer.from(trimmed, 'base64url') : null
}

const messages = new SimpleMessagesProvider(
  {
    required: '{{ field }} is required',
    string: '{{ field }} must be text',
    object: '{{ field }} must be an object',
    number: '{{ field }} must be a number',
    maxLength: '{{ field }} must be at most {{ max }} characters',
  },
  { 'endpoint': 'endpoint', 'keys': 'keys', 'keys.p256dh': 'keys.p256dh', 'keys.auth': 'keys.auth' }
)

/**
 * A browser's PushSubscription as `subscription.toJSON()` gives it, plus the
 * optional label the page may send. Base64 padding is dropped from the keys.
 */
export function createPushSubscriptionValidator(checks: EndpointChecks) {
  return vine.create({
    endpoint: vine.string().trim().maxLength(2048).use(pushEndpointRule(checks)),
    expirationTime: vine.number().nullable().optional(),
    keys: vine.object({
      p256dh: vine
        .string()
        .trim()
        .maxLength(128)
        .use(p256dhRule())
        .transform((value) => value.replace(/=+$/, '')),
      auth: vine
        .string()
        .trim()
        .maxLength(64)
        .use(authSecretRule())
        .transform((value) => value.replace(/=+$/, '')),
    }),
  })
}

/** What POST /push/subscriptions validates with: strict in production (config/push.ts). */
export const pushSubscriptionValidator = createPushSubscriptionValidator({
  strict: !pushConfig.allowLocalEndpoints,
  resolveHost: lookupAllAddresses,
})

/** Forgetting one device: its endpoint only. */
export const pushEndpointValidator = vine.create({
  endpoint: vine.string().trim().maxLength(2048),
})

/** Validation options with messages written for the API's callers. */
export const pushValidationOptions = { messagesProvider: messages }
