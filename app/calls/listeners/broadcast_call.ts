import type { EventsList } from '@adonisjs/core/types'

/** Placeholder while the domain moves to events; the domain's own change replaces it. */
export default class BroadcastCall {
  async onRinging(_event: EventsList['call:ringing']) {}
  async onStatusChanged(_event: EventsList['call:status_changed']) {}
  async onConnected(_event: EventsList['call:connected']) {}
  async onSignal(_event: EventsList['call:signal']) {}
}
