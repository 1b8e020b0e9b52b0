import type { EventsList } from '@adonisjs/core/types'

/** Placeholder while the domain moves to events; the domain's own change replaces it. */
export default class BroadcastChat {
  async onMessageSent(_event: EventsList['message:sent']) {}
  async onMessagesRead(_event: EventsList['messages:read']) {}
  async onTyping(_event: EventsList['conversation:typing']) {}
}
