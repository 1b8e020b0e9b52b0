import { once } from 'node:events'
import { Writable } from 'node:stream'

/*
 * A channel → streams index for Transmit, so a broadcast costs
 * O(subscribers of its channel) instead of O(open streams).
 *
 * Why a patch: @boringnode/transmit 0.4 stores `Map<Stream, Set<channel>>`
 * and its `Storage.findByChannel` scans every open stream on every
 * broadcast (local, `broadcastExcept`, from the bus) and every
 * `getSubscribersFor`. The storage and its StreamManager are private
 * fields built in constructors, and neither Transmit nor @adonisjs/transmit
 * takes a storage to use instead: there is no seam to install one through.
 *
 * So this patches the one StreamManager instance:
 * - the storage's own Map (which `getAllSubscribers()` returns live) and
 *   each stream's channel Set are observed: every add, remove, subscribe and
 *   unsubscribe the storage makes updates the index synchronously, with the
 *   storage's exact semantics (several streams per uid included) since the
 *   storage itself still decides what goes where;
 * - the instance's `findByChannel` answers from the index, as a new Set in
 *   the library's order (stream connection order), like the scan did.
 *
 * At install a probe runs the library's real StreamManager class through
 * subscribe, unsubscribe and close, and throws if the index and the library's
 * scan disagree: an upgrade that changes the storage fails at boot instead of
 * silently dropping messages. If a future Transmit stops calling
 * `findByChannel`, only the speed-up is lost, never a message.
 */

type Channels = Set<string>

/** The StreamManager surface this module relies on. */
type StreamManagerShape<Stream extends object> = {
  findByChannel(channel: string): Set<Stream>
  getAllSubscribers(): Map<Stream, Channels>
  createStream(params: Record<string, unknown>): Stream & { destroy(): void }
  subscribe(params: Record<string, unknown>): Promise<boolean>
  unsubscribe(params: Record<string, unknown>): Promise<boolean>
}

type TransmitLike = { getManager(): unknown }

/** The open streams subscribed to each channel; no empty entries are kept. */
export class ChannelIndex<Stream extends object = object> {
  #streamsByChannel = new Map<string, Set<Stream>>()
  /** Position of each stored stream in the storage's Map, to keep the library's order. */
  #rank = new Map<Stream, number>()
  #nextRank = 0

  /** Subscribers of `channel`: a new Set (callers may change it), in connection order. */
  find(channel: string): Set<Stream> {
    const streams = this.#streamsByChannel.get(channel)
    if (!streams || streams.size < 2) return new Set(streams)
    return new Set([...streams].sort((a, b) => this.#rank.get(a)! - this.#rank.get(b)!))
  }

  get channelCount() {
    return this.#streamsByChannel.size
  }

  get streamCount() {
    return this.#rank.size
  }

  // track/untrack/link/unlink: fed by the storage observers below, not by the app.
  track(stream: Stream) {
    if (!this.#rank.has(stream)) this.#rank.set(stream, this.#nextRank++)
  }

  untrack(stream: Stream) {
    this.#rank.delete(stream)
  }

  link(channel: string, stream: Stream) {
    const streams = this.#streamsByChannel.get(channel)
    if (streams) streams.add(stream)
    else this.#streamsByChannel.set(channel, new Set([stream]))
  }

  unlink(channel: string, stream: Stream) {
    const streams = this.#streamsByChannel.get(channel)
    if (!streams?.delete(stream)) return
    if (streams.size === 0) this.#streamsByChannel.delete(channel)
  }
}

const setAdd = Set.prototype.add
const setDelete = Set.prototype.delete
const setClear = Set.prototype.clear
const mapSet = Map.prototype.set
const mapDelete = Map.prototype.delete
const OBSERVED_METHODS = ['add', 'delete', 'clear'] as const

/** Mirrors a stored stream's channel Set into the index, on every change to it. */
function observeChannels<S extends object>(index: ChannelIndex<S>, stream: S, channels: Channels) {
  for (const channel of channels) index.link(channel, stream)
  Object.assign(channels, {
    add(channel: string) {
      setAdd.call(channels, channel)
      index.link(channel, stream)
      return channels
    },
    delete(channel: string) {
      const removed = setDelete.call(channels, channel)
      if (removed) index.unlink(channel, stream)
      return removed
    },
    clear() {
      for (const channel of channels) index.unlink(channel, stream)
      setClear.call(channels)
    },
  })
}

/** Unlinks a stream's channels, and makes its Set a plain Set again. */
function forgetChannels<S extends object>(index: ChannelIndex<S>, stream: S, channels: Channels) {
  for (const channel of channels) index.unlink(channel, stream)
  for (const method of OBSERVED_METHODS) Reflect.deleteProperty(channels, method)
}

/** Mirrors the storage's `Map<Stream, Set<channel>>`: streams added and removed. */
function observeStreams<S extends object>(index: ChannelIndex<S>, streams: Map<S, Channels>) {
  for (const [stream, channels] of streams) {
    index.track(stream)
    observeChannels(index, stream, channels)
  }
  Object.assign(streams, {
    set(stream: S, channels: Channels) {
      const previous = streams.get(stream)
      if (previous) forgetChannels(index, stream, previous)
      mapSet.call(streams, stream, channels)
      index.track(stream)
      observeChannels(index, stream, channels)
      return streams
    },
    delete(stream: S) {
      const channels = streams.get(stream)
      if (!mapDelete.call(streams, stream)) return false
      if (channels) forgetChannels(index, stream, channels)
      index.untrack(stream)
      return true
    },
    clear() {
      for (const stream of [...streams.keys()]) streams.delete(stream)
    },
  })
}

function shapeError(problem: string) {
  return new Error(
    `Transmit channel index (app/core/live/channel_index.ts): ${problem}. ` +
      '@boringnode/transmit changed; revise the index before upgrading, or broadcasts could miss streams.'
  )
}

function assertManagerShape(manager: any): asserts manager is StreamManagerShape<object> {
  const methods = ['findByChannel', 'getAllSubscribers', 'createStream', 'subscribe', 'unsubscribe']
  const missing = methods.filter((name) => typeof manager?.[name] !== 'function')
  if (missing.length) throw shapeError(`the StreamManager has no ${missing.join(', ')}`)
  const streams = manager.getAllSubscribers()
  if (!(streams instanceof Map) || streams !== manager.getAllSubscribers()) {
    throw shapeError('getAllSubscribers() no longer returns the storage’s own Map')
  }
}

const indexes = new WeakMap<object, ChannelIndex<any>>()

/**
 * Indexes one StreamManager (idempotent). Streams it already holds are
 * indexed too, so installing late loses nothing. No probe: see installChannelIndex.
 */
export function indexStreamManager<S extends object>(manager: unknown): ChannelIndex<S> {
  assertManagerShape(manager)
  const existing = indexes.get(manager)
  if (existing) return existing
  const index = new ChannelIndex<S>()
  observeStreams(index, manager.getAllSubscribers() as Map<S, Channels>)
  manager.findByChannel = (channel: string) => index.find(channel)
  indexes.set(manager, index)
  return index
}

/** The index installed on a Transmit instance, if any. */
export function channelIndexOf(transmit: TransmitLike): ChannelIndex | undefined {
  return indexes.get(transmit.getManager() as object)
}

/** The index must agree with the library's own scan, and with what the probe did. */
function expectStreams(step: string, scan: Set<object>, indexed: Set<object>, expected: object[]) {
  const agree = (found: Set<object>) =>
    found.size === expected.length && expected.every((stream) => found.has(stream))
  if (!agree(scan)) throw shapeError(`the library's own findByChannel is wrong ${step}`)
  if (!agree(indexed)) throw shapeError(`the index disagrees with the library ${step}`)
}

/**
 * Runs a fresh StreamManager of the installed library's class through
 * subscribe, unsubscribe and close with the index on, comparing it with the
 * library's scan at each step. Touches nothing of the app's instance.
 */
async function probeLibrary(StreamManagerClass: new () => unknown) {
  const manager = new StreamManagerClass()
  assertManagerShape(manager)
  const scan = manager.findByChannel.bind(manager)
  const index = indexStreamManager(manager)
  const response = new Writable({ write: (_chunk, _encoding, done) => done() })
  const stream = manager.createStream({ uid: 'probe', request: {}, response, context: null })
  const check = (step: string, expected: object[]) =>
    expectStreams(step, scan('probe'), manager.findByChannel('probe'), expected)
  try {
    await manager.subscribe({ uid: 'probe', channel: 'probe', skipAuthorization: true })
    check('after subscribe', [stream])
    await manager.unsubscribe({ uid: 'probe', channel: 'probe' })
    check('after unsubscribe', [])
    await manager.subscribe({ uid: 'probe', channel: 'probe', skipAuthorization: true })
    const closed = once(response, 'close')
    response.destroy()
    await closed
    check('after the stream closed', [])
    if (index.channelCount || index.streamCount) throw shapeError('a closed stream stays indexed')
  } finally {
    stream.destroy()
  }
}

/**
 * Installs the index on a Transmit instance (the app's, at boot), after the
 * probe confirmed the installed library still stores streams as expected.
 */
export async function installChannelIndex(transmit: TransmitLike) {
  const manager = transmit.getManager()
  assertManagerShape(manager)
  if (manager !== transmit.getManager()) throw shapeError('getManager() returns a new manager')
  await probeLibrary(manager.constructor as new () => unknown)
  return indexStreamManager(manager)
}
