import type { EventsList } from '@adonisjs/core/types'

/** Placeholder while the domain moves to events; the domain's own change replaces it. */
export default class BroadcastPaymentChange {
  async handle(_event: EventsList['payment:status_changed']) {}
}
