import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { createECDH } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import webpush from 'web-push'

/**
 * Browser push notifications (web-push with VAPID). With VAPID_PUBLIC_KEY and
 * VAPID_PRIVATE_KEY unset, development and tests use a key pair generated once
 * into tmp/vapid-dev-keys.json; production without valid keys runs with push
 * turned off (app/services/push/push_status.ts logs why), it never crashes.
 */
export const DEV_KEYS_FILE = 'tmp/vapid-dev-keys.json'
export const DEFAULT_VAPID_SUBJECT = 'mailto:admin@kotha.local'

type VapidKeys = { publicKey: string; privateKey: string }
export type VapidKeySource = 'env' | 'dev-file' | 'none'

export type VapidSettings = {
  subject: string
  publicKey: string
  privateKey: string
  keySource: VapidKeySource
  /** Why push is off (production only), or null. */
  disabledReason: string | null
}

/**
 * The VAPID identity from the environment's values: the given keys, else
 * (outside production) the development pair in `devKeysFile`. Invalid or
 * missing keys turn push off in production and throw elsewhere.
 */
export function resolveVapid(
  values: { publicKey?: string; privateKey?: string; subject?: string },
  inProduction: boolean,
  devKeysFile: string
): VapidSettings {
  const subject = values.subject || DEFAULT_VAPID_SUBJECT
  let publicKey = values.publicKey ?? ''
  let privateKey = values.privateKey ?? ''
  let keySource: VapidKeySource = publicKey || privateKey ? 'env' : 'none'

  if (keySource === 'none' && !inProduction) {
    ;({ publicKey, privateKey } = devKeys(devKeysFile))
    keySource = 'dev-file'
  }

  const problem =
    keySource === 'none'
      ? 'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not set'
      : vapidProblem({ publicKey, privateKey }, subject)
  if (!problem) return { subject, publicKey, privateKey, keySource, disabledReason: null }
  // A typo in development should be seen at once; production keeps serving pages.
  if (!inProduction)
    throw new Error(
      `Browser push: ${problem}. Run \`node ace webpush:keys --write\` for a fresh pair.`
    )
  return {
    subject,
    publicKey: '',
    privateKey: '',
    keySource,
    disabledReason: `${problem}; browser push notifications are off (run \`node ace webpush:keys\` and set them)`,
  }
}

const vapid = resolveVapid(
  {
    publicKey: env.get('VAPID_PUBLIC_KEY'),
    privateKey: env.get('VAPID_PRIVATE_KEY'),
    subject: env.get('VAPID_SUBJECT'),
  },
  app.inProduction,
  app.makePath(DEV_KEYS_FILE)
)

const pushConfig = {
  /** False in production without valid VAPID keys: nothing is sent, the control says so. */
  enabled: vapid.disabledReason === null,
  disabledReason: vapid.disabledReason,
  keySource: vapid.keySource,
  vapid: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
  /**
   * Whether endpoints may be plain http or on a private/loopback host
   * (local test push services). Off in production, where an endpoint must
   * be https on a public host, checked when stored and before each delivery
   * (app/push/endpoint_host.ts). PUSH_ALLOW_LOCAL_ENDPOINTS=true turns the
   * checks off: a test setup, or a push service inside your own network.
   */
  allowLocalEndpoints: env.get('PUSH_ALLOW_LOCAL_ENDPOINTS', !app.inProduction),
  /** Timeout of one request to a push service. */
  requestTimeoutMs: 10_000,
  /** Attempts per notification and device, including the first. */
  maxAttempts: 3,
  /** Wait before the 2nd, 3rd… attempt after a 429, 5xx or network error (a Retry-After header wins). */
  backoffMs: [1_000, 2_000, 4_000],
  /** Longest Retry-After honoured; a longer one (or one past the notification's TTL) ends in failure. */
  maxRetryAfterMs: 60_000,
  /** Deliveries (one user, one notification) running at the same time in this process. */
  concurrency: 8,
  /** Messages of one conversation within this window count up in one notification. */
  collapseWindowMs: 30 * 60_000,
  /** Rows of the push_deliveries log older than this are deleted (checked at most hourly). */
  deliveryLogDays: 30,
}

export type PushConfig = typeof pushConfig
export default pushConfig

/**
 * What is wrong with a key pair and subject, or null. The public key must be
 * the private key's: a mismatch would make every push service answer 403.
 */
export function vapidProblem(keys: VapidKeys, vapidSubject: string): string | null {
  if (!keys.publicKey || !keys.privateKey)
    return 'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must both be set'
  try {
    webpush.getVapidHeaders(
      'https://push.example',
      vapidSubject,
      keys.publicKey,
      keys.privateKey,
      'aes128gcm'
    )
  } catch (error) {
    return `the VAPID settings are not valid (${(error as Error).message})`
  }
  let derived: string
  try {
    const ecdh = createECDH('prime256v1')
    ecdh.setPrivateKey(Buffer.from(keys.privateKey, 'base64url'))
    derived = ecdh.getPublicKey().toString('base64url')
  } catch (error) {
    return `VAPID_PRIVATE_KEY is not a P-256 private key (${(error as Error).message})`
  }
  return derived === keys.publicKey ? null : 'VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY'
}

/**
 * The development key pair: read from the file, or generated into it once.
 * Created with a hard link from a private temporary file, so processes
 * starting together all end up with the same, complete pair.
 */
function devKeys(file: string): VapidKeys {
  const existing = readKeys(file)
  if (existing) return existing
  mkdirSync(dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`
  writeFileSync(temporary, JSON.stringify(webpush.generateVAPIDKeys(), null, 2) + '\n', {
    mode: 0o600,
  })
  try {
    linkSync(temporary, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    unlinkSync(temporary)
  }
  const keys = readKeys(file)
  if (!keys)
    throw new Error(
      `Browser push: ${file} does not hold a VAPID key pair; delete it to get a new one`
    )
  return keys
}

function readKeys(file: string): VapidKeys | null {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return null
  }
  try {
    const keys = JSON.parse(text)
    return typeof keys?.publicKey === 'string' && typeof keys?.privateKey === 'string' ? keys : null
  } catch {
    return null
  }
}
