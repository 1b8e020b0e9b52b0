/*
 * What happens in chat, for live pages and notifications to react to after
 * the change is committed (start/events.ts registers the listeners).
 */
import type { DateTime } from 'luxon'
import type Conversation from '#models/conversation'
import type Message from '#models/message'
import type User from '#models/user'

/** A message (or a call's entry, with `callId`) was stored. */
export type MessageSent = { message: Message; conversation: Conversation; sender: User }

/** Messages to `reader` were marked read, up to `upToId` (none when `upToId` is null). */
export type MessagesRead = {
  reader: User
  conversation: Conversation
  upToId: number | null
  readAt: DateTime
}

/** Someone is typing in a conversation. */
export type ConversationTyping = { user: User; conversation: Conversation }

declare module '@adonisjs/core/types' {
  interface EventsList {
    'message:sent': MessageSent
    'messages:read': MessagesRead
    'conversation:typing': ConversationTyping
  }
}
