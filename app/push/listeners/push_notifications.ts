import type { EventsList } from '@adonisjs/core/types'

/** Placeholder while the domain moves to events; the domain's own change replaces it. */
export default class PushNotifications {
  async onPaymentStatusChanged(_event: EventsList['payment:status_changed']) {}
  async onMessageSent(_event: EventsList['message:sent']) {}
  async onMessagesRead(_event: EventsList['messages:read']) {}
  async onCallRinging(_event: EventsList['call:ringing']) {}
  async onCallStatusChanged(_event: EventsList['call:status_changed']) {}
}
