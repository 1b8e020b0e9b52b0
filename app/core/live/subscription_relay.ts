import { randomUUID } from 'node:crypto'
import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import { Bus } from '@boringnode/bus'
import { RedisTransport } from '@boringnode/bus/transports/redis'
import { Redis, type RedisOptions } from 'ioredis'
import { UNAVAILABLE_CODE, respondUnavailable } from '#core/http/unavailable'

/*
 * Subscribe requests that reach an instance which does not hold the stream.
 *
 * Transmit keeps each stream in the process that opened it, and its
 * subscribe handler answers 400 when the uid is not one of its own. Behind
 * a load balancer the stream and its subscribe requests land on different
 * instances, so instead of sticky routing:
 * - the instance that gets the request authorizes it (the channel's policy,
 *   with the requester's session: sessions live in PostgreSQL);
 * - if the stream is not here, it asks over the bus (`<prefix>:subscriptions`)
 *   and the instance holding the stream subscribes it and acknowledges
 *   (`<prefix>:subscription-acks`); the request gets 204 once acknowledged,
 *   so a broadcast sent after the 204 reaches the stream;
 * - no acknowledgement within ACK_TIMEOUT_MS: no instance holds the stream,
 *   the same 400 as on one instance;
 * - Redis unreachable: 503 with Retry-After at once, which the page retries
 *   (a 400 would make it give the channel up).
 * Unsubscribes are applied here and announced to all (harmless where the
 * stream is not).
 */

type Intent = { kind: 'subscribe' | 'unsubscribe'; requestId: string; uid: string; channel: string }
type Ack = { requestId: string }

type SubscribeParams = {
  uid: string
  channel: string
  context?: unknown
  skipAuthorization?: boolean
}

/** The Transmit surface the relay wraps. */
export type RelayedTransmit = {
  getManager(): { verifyAccess(channel: string, context: unknown): Promise<boolean> }
  subscribe(params: SubscribeParams): Promise<boolean>
  unsubscribe(params: SubscribeParams): Promise<boolean>
}

export const ACK_TIMEOUT_MS = 3000

/** 503 + Retry-After in the API's error shape: the bus is down, ask again shortly. */
export class RelayUnavailable extends Exception {
  static status = 503
  static code = UNAVAILABLE_CODE

  async handle(_: this, ctx: HttpContext) {
    return respondUnavailable(ctx, true)
  }
}

export class SubscriptionRelay {
  #bus: Bus
  /** Only watched: whether Redis answers (the bus's own connections are its duplicates). */
  #redis: Redis
  #waiting = new Map<string, () => void>()
  #intents: string
  #acks: string

  constructor(connection: RedisOptions, prefix: string) {
    this.#redis = new Redis(connection)
    this.#redis.on('error', () => {})
    this.#bus = new Bus(new RedisTransport(this.#redis), { retryQueue: { enabled: true } })
    this.#intents = `${prefix}:subscriptions`
    this.#acks = `${prefix}:subscription-acks`
  }

  /** Wraps `transmit`'s subscribe and unsubscribe, and listens for other instances' requests. */
  install(transmit: RelayedTransmit) {
    const subscribeHere = transmit.subscribe.bind(transmit)
    const unsubscribeHere = transmit.unsubscribe.bind(transmit)
    const manager = transmit.getManager()

    transmit.subscribe = async (params) => {
      if (!params.skipAuthorization) {
        if (!(await manager.verifyAccess(params.channel, params.context))) return false
      }
      if (await subscribeHere({ ...params, skipAuthorization: true })) return true
      if (this.#redis.status !== 'ready')
        throw new RelayUnavailable('Live updates are reconnecting')
      return this.#ask('subscribe', params.uid, params.channel)
    }
    transmit.unsubscribe = async (params) => {
      await unsubscribeHere(params)
      void this.#bus.publish(this.#intents, this.#intent('unsubscribe', params.uid, params.channel))
      return true
    }

    // Not awaited: with Redis down at boot, ioredis holds the commands until it is back.
    void this.#bus.subscribe<Intent>(this.#intents, async (intent) => {
      const params = { uid: intent.uid, channel: intent.channel, skipAuthorization: true }
      if (intent.kind === 'unsubscribe') return void (await unsubscribeHere(params))
      if (await subscribeHere(params)) {
        await this.#bus.publish(this.#acks, { requestId: intent.requestId })
      }
    })
    void this.#bus.subscribe<Ack>(this.#acks, ({ requestId }) => {
      this.#waiting.get(requestId)?.()
    })
  }

  async stop() {
    await this.#bus.disconnect()
    this.#redis.disconnect()
  }

  #intent(kind: Intent['kind'], uid: string, channel: string): Intent {
    return { kind, requestId: randomUUID(), uid, channel }
  }

  /** Publishes the request; true once the stream's instance acknowledges it. */
  #ask(kind: Intent['kind'], uid: string, channel: string) {
    const intent = this.#intent(kind, uid, channel)
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false), ACK_TIMEOUT_MS)
      const settle = (acknowledged: boolean) => {
        clearTimeout(timer)
        this.#waiting.delete(intent.requestId)
        resolve(acknowledged)
      }
      this.#waiting.set(intent.requestId, () => settle(true))
      this.#bus.publish(this.#intents, intent).then((published) => {
        if (!published) settle(false)
      })
    })
  }
}
