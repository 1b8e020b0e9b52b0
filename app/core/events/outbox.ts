import emitter from '@adonisjs/core/services/emitter'
import type { EventsList } from '@adonisjs/core/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

type ListenerClass = new () => Record<string, any>
type LazyListener = [() => Promise<{ default: ListenerClass }>, string]

/**
 * The listeners whose work must not be lost run inside the transaction of
 * the change, before it commits, and only enqueue durable jobs through that
 * transaction (push notifications, broadcasts a page must not miss). The
 * change and its jobs commit together, or neither does: an outbox.
 * Listeners that only touch live pages stay on the emitter, after commit.
 */
class Outbox {
  #listeners = new Map<keyof EventsList, LazyListener[]>()

  /** Registers a listener method called with (payload, trx) (start/events.ts). */
  on<Name extends keyof EventsList>(event: Name, listener: LazyListener) {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener])
  }

  /** Runs the event's outbox listeners in `trx`; a failure rolls the change back. */
  async record<Name extends keyof EventsList>(
    trx: TransactionClientContract,
    event: Name,
    payload: EventsList[Name]
  ) {
    for (const [load, method] of this.#listeners.get(event) ?? []) {
      const { default: Listener } = await load()
      await new Listener()[method](payload, trx)
    }
  }
}

export const outbox = new Outbox()

/**
 * Announces a change made in `trx`: outbox listeners now, inside it; the
 * emitter's (live) listeners once it commits.
 */
export async function announce<Name extends keyof EventsList>(
  trx: TransactionClientContract,
  event: Name,
  payload: EventsList[Name]
) {
  await outbox.record(trx, event, payload)
  trx.after('commit', () => emitter.emit(event, payload))
}
