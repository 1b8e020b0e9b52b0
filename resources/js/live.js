import { Transmit } from '@adonisjs/transmit-client'

/**
 * One Transmit (server-sent events) connection per page, shared by every
 * live feature. The server decides which channels this user may join.
 */
let transmit

export function liveConnection() {
  transmit ??= new Transmit({ baseUrl: window.location.origin })
  return transmit
}

/**
 * Subscribes to a channel; returns a function that unsubscribes.
 */
export async function listen(channel, onMessage) {
  const subscription = liveConnection().subscription(channel)
  const stop = subscription.onMessage(onMessage)
  await subscription.create()
  return async () => {
    stop?.()
    await subscription.delete().catch(() => {})
  }
}
