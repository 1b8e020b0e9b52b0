import { setTimeout as wait } from 'node:timers/promises'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import pushConfig from '#config/push'
import PushSubscription from '#models/push_subscription'
import { PushDeliveryOutcome } from '#push/enums/push_kind'
import type { PreparedPush } from '#push/push_notification'
import type { PushSend, PushTransport, VapidDetails } from '#push/push_transport'
import { judge, logLevels, unsendable, type AttemptVerdict } from '#push/push_verdict'

/** Tuning of a dispatcher; tests shorten the waits and may replace the request. */
export type DispatchOptions = {
  maxAttempts?: number
  /** Wait before the 2nd, 3rd… attempt when the push service gives no Retry-After. */
  backoffMs?: number[]
  maxRetryAfterMs?: number
  /** How to wait (tests record the asked delays and wait less). */
  sleep?: (ms: number) => Promise<unknown>
  /** Replaces the container's PushTransport for this dispatcher only. */
  send?: PushSend
  vapid?: VapidDetails
  timeoutMs?: number
}

/** The end of one notification's delivery to one device. */
export type DeviceDeliveryReport = {
  subscriptionId: number
  pushService: string
  /** The final outcome: never `retrying`. */
  outcome: PushDeliveryOutcome
  attempts: number
  statusCode: number | null
}

/**
 * Hands a prepared notification to one device's push service and acts on
 * the answer: 2xx delivered; 404/410 the subscription is gone and is deleted
 * (that one only); 429, 5xx and network errors are retried with back-off
 * (Retry-After wins) up to maxAttempts; 401/403 is a VAPID configuration
 * error (logged, nothing deleted); anything else fails. Every attempt is
 * written to push_deliveries and the log.
 */
export class PushDispatcher {
  readonly #settings: Required<DispatchOptions>

  constructor(options: DispatchOptions = {}, transport?: PushTransport) {
    const send = options.send ?? (transport ? (request) => transport.send(request) : undefined)
    if (!send) throw new Error('PushDispatcher needs a PushTransport or a send option')
    this.#settings = {
      maxAttempts: options.maxAttempts ?? pushConfig.maxAttempts,
      backoffMs: options.backoffMs ?? pushConfig.backoffMs,
      maxRetryAfterMs: options.maxRetryAfterMs ?? pushConfig.maxRetryAfterMs,
      sleep: options.sleep ?? ((ms) => wait(ms)),
      send,
      vapid: options.vapid ?? pushConfig.vapid,
      timeoutMs: options.timeoutMs ?? pushConfig.requestTimeoutMs,
    }
  }

  /** Delivers to one device, retrying as the answers allow; resolves with the final report. */
  async deliver(subscription: PushSubscription, push: PreparedPush): Promise<DeviceDeliveryReport> {
    const startedAt = Date.now()
    const payload = JSON.stringify(push.payload)

    for (let attempt = 1; ; attempt++) {
      let verdict = await this.#attempt(subscription, push, payload)
      if (verdict.outcome === PushDeliveryOutcome.Retrying) {
        const delay = verdict.retryAfterMs ?? this.#backoff(attempt)
        const refusal = this.#whyNotRetry(attempt, delay, startedAt, push)
        if (!refusal) {
          await this.#record(subscription, push, attempt, verdict)
          await this.#settings.sleep(delay)
          continue
        }
        verdict = {
          ...verdict,
          outcome: PushDeliveryOutcome.Failed,
          error: [verdict.error, refusal].filter(Boolean).join('; '),
        }
      }

      await this.#record(subscription, push, attempt, verdict)
      await this.#apply(subscription, verdict)
      return {
        subscriptionId: subscription.id,
        pushService: subscription.pushService,
        outcome: verdict.outcome,
        attempts: attempt,
        statusCode: verdict.statusCode,
      }
    }
  }

  /** One request to the push service, judged. */
  async #attempt(
    subscription: PushSubscription,
    push: PreparedPush,
    payload: string
  ): Promise<AttemptVerdict> {
    try {
      const response = await this.#settings.send({
        subscription: subscription.toWebPush(),
        payload,
        ttlSeconds: push.ttlSeconds,
        urgency: push.urgency,
        topic: push.topic,
        vapid: this.#settings.vapid,
        timeoutMs: this.#settings.timeoutMs,
      })
      return judge(response)
    } catch (error) {
      return unsendable(error)
    }
  }

  /** Why a retryable failure is not retried (null: retry after `delay`). */
  #whyNotRetry(attempt: number, delay: number, startedAt: number, push: PreparedPush) {
    const stillWorthIt = Date.now() - startedAt + delay <= push.ttlSeconds * 1000
    if (attempt >= this.#settings.maxAttempts) return `gave up after ${attempt} attempts`
    if (delay > this.#settings.maxRetryAfterMs || !stillWorthIt) {
      return `not retried: a wait of ${delay} ms is too long`
    }
    return null
  }

  #backoff(attempt: number) {
    const steps = this.#settings.backoffMs
    return steps[Math.min(attempt - 1, steps.length - 1)] ?? 1000
  }

  /**
   * The subscription's bookkeeping after the final attempt.
   */
  async #apply(subscription: PushSubscription, verdict: AttemptVerdict) {
    const now = DateTime.now().toJSDate()
    const rows = PushSubscription.query().where('id', subscription.id)
    switch (verdict.outcome) {
      case PushDeliveryOutcome.Delivered:
        await rows.update({ last_success_at: now, failure_count: 0 })
        break
      case PushDeliveryOutcome.Pruned:
        await rows.delete()
        break
      default:
        await rows.update({ last_failure_at: now, failure_count: db.raw('failure_count + 1') })
    }
  }

  /**
   * One line in push_deliveries and one in the log. The subscription may
   * have been deleted meanwhile (the person turned notifications off): the
   * row is then kept without its link.
   */
  async #record(
    subscription: PushSubscription,
    push: PreparedPush,
    attempt: number,
    verdict: AttemptVerdict
  ) {
    const entry = {
      userId: subscription.userId,
      subscriptionId: subscription.id,
      pushService: subscription.pushService,
      kind: push.kind,
      tag: push.tag,
      attempt,
      statusCode: verdict.statusCode,
      outcome: verdict.outcome,
      error: verdict.error,
    }
    const message =
      verdict.outcome === PushDeliveryOutcome.ConfigError
        ? 'push service refused our VAPID credentials: check VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT'
        : `push ${verdict.outcome}`
    logger[logLevels[verdict.outcome]]({ push: entry }, message)

    try {
      await db
        .insertQuery()
        .table('push_deliveries')
        .insert({
          subscription_id: db.raw('(SELECT id FROM push_subscriptions WHERE id = ?)', [
            subscription.id,
          ]),
          user_id: entry.userId,
          push_service: entry.pushService.slice(0, 255),
          kind: entry.kind,
          tag: entry.tag,
          attempt,
          status_code: entry.statusCode,
          outcome: entry.outcome,
          error: entry.error?.slice(0, 2000) ?? null,
          delivery_key: push.key ?? null,
          created_at: new Date(),
        })
    } catch (error) {
      logger.error({ err: error, push: entry }, 'could not record a push delivery attempt')
    }
  }
}
