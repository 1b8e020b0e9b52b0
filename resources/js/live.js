import { Transmit } from '@adonisjs/transmit-client'
import { backoffDelay } from './lib/backoff.js'
import { createLiveSession, LiveHttpClient, ResilientEventSource } from './lib/live_source.js'

/**
 * One Transmit (server-sent events) connection per page, shared by every
 * live feature. The server decides which channels this user may join.
 *
 * It never gives up: whatever the failure (network, an HTTP error on the
 * stream, the server restarting), the stream comes back with back-off
 * (lib/live_source.js), and each channel is subscribed again, retried with
 * back-off until the server answers. A channel that was down then tells
 * its listeners `onReconnect`, once the server has it again, so each
 * feature fetches what it missed (nothing sent meanwhile reaches a stream).
 */
let transmit
const channels = new Map()
const reconnectCallbacks = new Set()
let wasDown = false

/** Whether a subscribe status is worth retrying (no answer, overload, server trouble). */
const retryable = (status) => status === 0 || status === 408 || status === 429 || status >= 500

export function liveConnection() {
  if (transmit) return transmit
  const session = createLiveSession()
  transmit = new Transmit({
    baseUrl: window.location.origin,
    // Never stop trying: the event source below decides when to try again.
    maxReconnectAttempts: Number.POSITIVE_INFINITY,
    eventSourceFactory: (url, options) =>
      new ResilientEventSource(
        (uid) => {
          const fresh = new URL(url)
          fresh.searchParams.set('uid', uid)
          return fresh
        },
        session,
        options
      ),
    httpClientFactory: (baseUrl) => new LiveHttpClient(baseUrl, session, onSubscribeAnswer),
  })
  transmit.on('disconnected', onDisconnected)
  transmit.on('connected', () => {
    if (wasDown) reconnectCallbacks.forEach(safely)
    wasDown = false
  })
  return transmit
}

function safely(callback) {
  try {
    callback()
  } catch (error) {
    console.error(error)
  }
}

/** The stream dropped: every channel the server had may miss messages until it is back. */
function onDisconnected() {
  wasDown = true
  for (const state of channels.values()) {
    if (!state.subscribed) continue
    state.subscribed = false
    state.missed = true
    state.onDown.forEach(safely)
  }
}

/** How the server answered a subscribe to `name` (0: no answer). */
function onSubscribeAnswer(name, status) {
  const state = channels.get(name)
  if (!state) return
  if (status >= 200 && status < 300) {
    clearTimeout(state.retry)
    state.retry = null
    state.attempt = 0
    state.subscribed = true
    state.ready.resolve()
    if (state.missed) {
      state.missed = false
      state.onReconnect.forEach(safely)
    }
  } else if (retryable(status)) {
    if (state.everReady) {
      if (!state.missed) state.onDown.forEach(safely)
      state.missed = true
    }
    scheduleRetry(state)
  } else {
    state.ready.reject(new Error(`The server refused the channel ${name} (${status})`))
  }
}

function scheduleRetry(state) {
  if (state.retry) return
  state.retry = setTimeout(() => {
    state.retry = null
    if (channels.get(state.name) === state) state.subscription.forceCreate()
  }, backoffDelay(state.attempt++))
}

/** A deferred the first successful subscribe resolves (or a refusal rejects). */
function deferred() {
  let resolve
  let reject
  const promise = new Promise((yes, no) => {
    resolve = yes
    reject = no
  })
  promise.catch(() => {})
  return { promise, resolve, reject }
}

function channelState(name) {
  let state = channels.get(name)
  if (state) return state
  state = {
    name,
    subscription: liveConnection().subscription(name),
    ready: deferred(),
    everReady: false,
    subscribed: false,
    missed: false,
    retry: null,
    attempt: 0,
    onReconnect: new Set(),
    onDown: new Set(),
    listeners: 0,
  }
  state.ready.promise.then(() => (state.everReady = true))
  channels.set(name, state)
  // Always ask the server (Transmit's create() skips a subscription it thinks it has).
  state.subscription.forceCreate()
  return state
}

/**
 * Subscribes to a channel; resolves with a function that unsubscribes,
 * once the server has the subscription (it rejects if the server refuses
 * the channel). `onReconnect` runs each time the channel is back after a
 * drop (fetch what was missed then); `onDown` when it drops.
 */
export async function listen(channel, onMessage, { onReconnect, onDown } = {}) {
  const state = channelState(channel)
  state.listeners += 1
  const stop = state.subscription.onMessage(onMessage)
  if (onReconnect) state.onReconnect.add(onReconnect)
  if (onDown) state.onDown.add(onDown)
  const forget = async () => {
    stop?.()
    state.onReconnect.delete(onReconnect)
    state.onDown.delete(onDown)
    state.listeners -= 1
    if (state.listeners > 0 || channels.get(channel) !== state) return
    clearTimeout(state.retry)
    channels.delete(channel)
    await state.subscription.delete().catch(() => {})
  }
  try {
    await state.ready.promise
  } catch (error) {
    await forget()
    throw error
  }
  return forget
}

/**
 * Calls `callback` each time the live connection comes back after a drop
 * (network loss, server restart). Channels' own `onReconnect` (above) runs
 * once the channel is subscribed again, which is what catching up needs.
 */
export function onReconnect(callback) {
  liveConnection()
  reconnectCallbacks.add(callback)
  return () => reconnectCallbacks.delete(callback)
}
