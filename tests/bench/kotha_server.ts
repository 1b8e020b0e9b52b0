import { randomBytes } from 'node:crypto'
import webpush from 'web-push'
import {
  ProductionServer,
  freePort,
  type DatabaseServer,
  type ServerSettings,
} from '#tests/helpers/production_server'

/** Every rate limit of config/limits.ts, out of the bench's way (the statements still run). */
const UNTHROTTLED = '100000000/1m'

/**
 * What the production server runs with in the bench: production's stores
 * (sessions and rate counters in PostgreSQL, as .env.example sets them),
 * push turned on (VAPID keys, so a message queues its notification job as
 * in a real deploy), limits too high to refuse anything, warnings only.
 */
export function kothaEnv(appKey: string): Record<string, string> {
  const vapid = webpush.generateVAPIDKeys()
  return {
    LOG_LEVEL: 'warn',
    APP_KEY: appKey,
    SESSION_DRIVER: 'database',
    LIMITER_STORE: 'database',
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:bench@kotha.test',
    LIMIT_LOGIN_PER_IP: UNTHROTTLED,
    LIMIT_LOGIN_PER_ACCOUNT: UNTHROTTLED,
    LIMIT_CHAT_SEND_PER_USER: UNTHROTTLED,
    LIMIT_TYPING_PER_CONVERSATION: UNTHROTTLED,
  }
}

/** One APP_KEY per run, shared with the ceiling (it verifies the same signed cookies). */
export function benchAppKey() {
  return randomBytes(32).toString('base64url')
}

/** The settings of Kotha's production server on the bench database. */
export async function kothaSettings(
  buildDir: string,
  database: { name: string; server: DatabaseServer },
  appKey: string
): Promise<ServerSettings> {
  return { buildDir, port: await freePort(), database, env: kothaEnv(appKey) }
}

/** Starts it; the server's own output is kept for when it fails. */
export async function startKotha(settings: ServerSettings) {
  const server = new ProductionServer(settings)
  await server.start(60_000)
  return server
}
