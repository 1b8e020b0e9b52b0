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

/**
 * Calls `callback` each time the live connection comes back after a drop
 * (network loss, server restart), so a page can fetch what it missed.
 */
export function onReconnect(callback) {
  let wasDown = false
  const connection = liveConnection()
  connection.on('disconnected', () => {
    wasDown = true
  })
  connection.on('reconnecting', () => {
    wasDown = true
  })
  connection.on('connected', () => {
    if (wasDown) callback()
    wasDown = false
  })
}
