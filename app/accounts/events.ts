/*
 * What happens to accounts, for the other domains to react to
 * (start/events.ts registers the listeners).
 */
import type User from '#models/user'

/** A user logged out of a device (its push endpoint, when the page sent it). */
export type SessionEnded = { user: User; pushEndpoint: string | null }

declare module '@adonisjs/core/types' {
  interface EventsList {
    'session:ended': SessionEnded
  }
}
