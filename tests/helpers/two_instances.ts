import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import webpush from 'web-push'
import env from '#start/env'
import { SANDBOX_PREFIX } from '#config/esewa'
import { esewaStandIn } from '#tests/helpers/production_payments'
import { type FreshDatabase, ProductionServer, freePort } from '#tests/helpers/production_server'
import { prepareProduction } from '#tests/helpers/production_app'
import { LoadBalancer } from '#tests/helpers/load_balancer'
import { TestRedis } from '#tests/helpers/redis_server'
import { FakePushService } from '#tests/helpers/push_endpoint'
import { type HttpSession, SseSubscriber } from '#tests/helpers/sse_client'
import { copyOf } from '#tests/helpers/sessions'

/**
 * Two production instances (`node bin/server.js`, NODE_ENV=production) on
 * one fresh database and one Redis, behind nginx, as docs/deployment.md
 * runs them: database sessions and rate counters, push on (to a fake push
 * service), eSewa through a stand-in for the test process's sandbox, and
 * the reconciler every second.
 */
export class TwoInstances {
  a!: ProductionServer
  b!: ProductionServer
  balancer!: LoadBalancer
  database!: FreshDatabase
  push!: FakePushService
  readonly redis = new TestRedis()
  #esewa?: http.Server

  async start() {
    await this.redis.start()
    this.push = await FakePushService.start()
    this.#esewa = await esewaStandIn(
      `http://${env.get('HOST')}:${env.get('PORT')}${SANDBOX_PREFIX}`
    )
    const esewaHost = `http://127.0.0.1:${(this.#esewa.address() as AddressInfo).port}`
    const vapid = webpush.generateVAPIDKeys()
    const prepared = await prepareProduction({
      REDIS_HOST: this.redis.host,
      REDIS_PORT: String(this.redis.port),
      REDIS_CHANNEL_PREFIX: `kotha-test-${randomBytes(4).toString('hex')}`,
      SESSION_DRIVER: 'database',
      LIMITER_STORE: 'database',
      LIMIT_LOGIN_PER_ACCOUNT: '5/15m',
      LIMIT_CHAT_SEND_PER_USER: '300/1m',
      ESEWA_FORM_URL: `${esewaHost}/api/epay/main/v2/form`,
      ESEWA_STATUS_URL: `${esewaHost}/api/epay/transaction/status/`,
      RECONCILE_INTERVAL_SECONDS: '1',
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: 'mailto:ops@kotha.test',
      PUSH_ALLOW_LOCAL_ENDPOINTS: 'true',
      JOBS_POLL_SECONDS: '0.5',
      JOBS_SUPERVISE_SECONDS: '1',
    })
    this.database = prepared.database
    // Both instances share the photo directory, as the deployment guide requires.
    const uploads = `tmp/production-uploads-${randomBytes(4).toString('hex')}`
    const shared = { ...prepared.settings, env: { ...prepared.settings.env, UPLOADS_DIR: uploads } }
    this.a = new ProductionServer(shared)
    this.b = new ProductionServer({ ...shared, port: await freePort() })
    await Promise.all([this.a.start(), this.b.start()])
    this.balancer = await new LoadBalancer([this.a.settings.port, this.b.settings.port]).start()
    return this
  }

  async stop() {
    await this.balancer?.stop()
    await Promise.all([this.a?.stop('SIGKILL'), this.b?.stop('SIGKILL')])
    this.#esewa?.close()
    this.push?.close()
    this.redis.stop()
    await this.database?.drop()
  }
}

/** POSTs JSON with the session's CSRF token, as the pages' scripts do. */
export function postJson(session: HttpSession, path: string, body: object) {
  return session.fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept': 'application/json',
      'x-csrf-token': session.csrfToken,
    },
    body: JSON.stringify(body),
  })
}

/** A stream opened on `streamOn` and subscribed through `subscribeOn` (the same user). */
export async function listener(
  session: HttpSession,
  streamOn: string,
  subscribeOn: string,
  channels: string[]
) {
  const subscriber = new SseSubscriber(copyOf(session, streamOn))
  const opened = await subscriber.open()
  if (opened !== 200) throw new Error(`stream refused: ${opened}`)
  const requests = new SseSubscriber(copyOf(session, subscribeOn), subscriber.uid)
  for (const channel of channels) {
    const status = await requests.subscribe(channel)
    if (status !== 204) throw new Error(`subscribe to ${channel} through ${subscribeOn}: ${status}`)
  }
  return subscriber
}
