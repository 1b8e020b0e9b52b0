/*
 * What happens in calls, for live pages and notifications to react to
 * after the change is committed (start/events.ts registers the listeners).
 */
import type Call from '#models/call'
import type User from '#models/user'

/** A call started ringing the callee. */
export type CallRinging = { call: Call; caller: User; roomTitle: string }

/** A call moved to another status (answered, ended, missed, …). */
export type CallStatusChanged = { call: Call }

/** A browser reported the media connection up. */
export type CallConnected = { call: Call; user: User }

/**
 * A WebRTC signal (offer, answer, ICE candidate) to relay to the other
 * browser; `signalId` is its stored id (the call page's catch-up cursor).
 */
export type CallSignal = {
  call: Call
  from: User
  data: Record<string, unknown>
  signalId: number
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'call:ringing': CallRinging
    'call:status_changed': CallStatusChanged
    'call:connected': CallConnected
    'call:signal': CallSignal
  }
}
