import { once } from 'node:events'
import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { Transmit } from '@boringnode/transmit'
import { memory } from '@boringnode/bus/transports/memory'
import {
  channelIndexOf,
  indexStreamManager,
  installChannelIndex,
  type ChannelIndex,
} from '#core/live/channel_index'

type Message = { channel: string; payload: unknown }

/** One EventSource's worth: a Transmit stream into a sink that parses what it is sent. */
class FakeClient {
  readonly received: Message[] = []
  readonly response: Writable
  readonly stream: ReturnType<Transmit<unknown>['createStream']>
  #text = ''

  constructor(
    transmit: Transmit<unknown>,
    readonly uid: string = randomUUID()
  ) {
    this.response = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.#read(chunk.toString())
        done()
      },
    })
    this.stream = transmit.createStream({
      uid,
      request: {} as IncomingMessage,
      response: this.response as unknown as ServerResponse,
      context: {},
    })
  }

  /** What the browser sees when the connection drops. */
  async close() {
    const closed = once(this.response, 'close')
    this.response.destroy()
    await closed
    this.stream.destroy()
  }

  channels() {
    return this.received.map((message) => message.channel)
  }

  #read(chunk: string) {
    this.#text += chunk
    const events = this.#text.split('\n\n')
    this.#text = events.pop()!
    for (const event of events) {
      const data = event.match(/^data: (.*)$/m)
      if (data) this.received.push(JSON.parse(data[1]))
    }
  }
}

/** Lets piped writes reach the sinks. */
const flush = () => new Promise((resolve) => setImmediate(resolve))

async function waitFor(condition: () => boolean) {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await flush()
}

function indexedTransmit(config: ConstructorParameters<typeof Transmit>[0] = { transport: null }) {
  const transmit = new Transmit<unknown>(config)
  const index: ChannelIndex = indexStreamManager(transmit.getManager())
  return { transmit, index }
}

const subscribe = (transmit: Transmit<unknown>, uid: string, channel: string) =>
  transmit.subscribe({ uid, channel, context: {} })

/** A small seeded PRNG: a failing random sequence replays the same way. */
function seededRandom(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

test.group('Live / channel index: broadcasts', () => {
  test('a broadcast reaches exactly the streams subscribed to its channel', async ({ assert }) => {
    const { transmit } = indexedTransmit()
    const [ana, bo, cy] = [
      new FakeClient(transmit),
      new FakeClient(transmit),
      new FakeClient(transmit),
    ]
    await subscribe(transmit, ana.uid, 'rooms/1')
    await subscribe(transmit, bo.uid, 'rooms/1')
    await subscribe(transmit, cy.uid, 'rooms/2')

    transmit.broadcast('rooms/1', { n: 1 })
    transmit.broadcast('rooms/3', { n: 3 })
    await flush()

    assert.deepEqual(ana.received, [{ channel: 'rooms/1', payload: { n: 1 } }])
    assert.deepEqual(bo.received, [{ channel: 'rooms/1', payload: { n: 1 } }])
    assert.deepEqual(cy.received, [])
  })

  test('after unsubscribe and close, broadcasts skip the stream', async ({ assert }) => {
    const { transmit, index } = indexedTransmit()
    const [ana, bo] = [new FakeClient(transmit), new FakeClient(transmit)]
    await subscribe(transmit, ana.uid, 'rooms/1')
    await subscribe(transmit, ana.uid, 'rooms/2')
    await subscribe(transmit, bo.uid, 'rooms/1')

    await transmit.unsubscribe({ uid: ana.uid, channel: 'rooms/1' })
    transmit.broadcast('rooms/1', 'first')
    await bo.close()
    transmit.broadcast('rooms/1', 'second')
    transmit.broadcast('rooms/2', 'third')
    await flush()

    assert.deepEqual(ana.received, [{ channel: 'rooms/2', payload: 'third' }])
    assert.deepEqual(bo.received, [{ channel: 'rooms/1', payload: 'first' }])
    assert.equal(index.channelCount, 1)
  })

  test('broadcastExcept skips the given uid, or uids', async ({ assert }) => {
    const { transmit } = indexedTransmit()
    const clients = [new FakeClient(transmit), new FakeClient(transmit), new FakeClient(transmit)]
    for (const client of clients) await subscribe(transmit, client.uid, 'calls/7')

    transmit.broadcastExcept('calls/7', 'one', clients[0].uid)
    transmit.broadcastExcept('calls/7', 'two', [clients[0].uid, clients[1].uid])
    await flush()

    assert.deepEqual(
      clients.map((client) => client.received.map((message) => message.payload)),
      [[], ['one'], ['one', 'two']]
    )
  })

  test('getSubscribersFor lists the uids, in connection order, as the library did', async ({
    assert,
  }) => {
    const { transmit } = indexedTransmit()
    const clients = ['a', 'b', 'c'].map((uid) => new FakeClient(transmit, uid))
    await subscribe(transmit, 'c', 'users/1')
    await subscribe(transmit, 'a', 'users/1')
    await subscribe(transmit, 'b', 'users/2')

    assert.deepEqual(transmit.getSubscribersFor('users/1'), ['a', 'c'])
    assert.deepEqual(transmit.getSubscribersFor('users/2'), ['b'])
    assert.deepEqual(transmit.getSubscribersFor('users/3'), [])
    await clients[0].close()
    assert.deepEqual(transmit.getSubscribersFor('users/1'), ['c'])
  })

  test('findByChannel answers a new Set each time: callers may change it', async ({ assert }) => {
    const { transmit } = indexedTransmit()
    const client = new FakeClient(transmit)
    await subscribe(transmit, client.uid, 'rooms/1')

    transmit.getManager().findByChannel('rooms/1').clear()

    assert.deepEqual(transmit.getSubscribersFor('rooms/1'), [client.uid])
  })

  test('a broadcast from another instance, over the bus, reaches the subscribed streams', async ({
    assert,
  }) => {
    const config = { transport: { driver: memory(), channel: `bus-${randomUUID()}` } }
    const sender = new Transmit<unknown>(config, config.transport.driver())
    const receiver = new Transmit<unknown>(config, config.transport.driver())
    indexStreamManager(receiver.getManager())
    const [listening, elsewhere] = [new FakeClient(receiver), new FakeClient(receiver)]
    await subscribe(receiver, listening.uid, 'conversations/4')
    await subscribe(receiver, elsewhere.uid, 'conversations/5')

    sender.broadcast('conversations/4', { text: 'namaste' })
    await waitFor(() => listening.received.length > 0)

    assert.deepEqual(listening.received, [
      { channel: 'conversations/4', payload: { text: 'namaste' } },
    ])
    assert.deepEqual(elsewhere.received, [])
    await Promise.all([sender.shutdown(), receiver.shutdown()])
  })
})

test.group('Live / channel index: same semantics as the library', () => {
  test('a uid with several streams is served exactly as without the index', async ({ assert }) => {
    const plain = new Transmit<unknown>({ transport: null })
    const { transmit } = indexedTransmit()
    const scenario = async (target: Transmit<unknown>) => {
      const first = new FakeClient(target, 'tab')
      await subscribe(target, 'tab', 'users/1')
      const second = new FakeClient(target, 'tab')
      const accepted = [await subscribe(target, 'tab', 'users/2')]
      target.broadcast('users/1', 'a')
      target.broadcast('users/2', 'b')
      await first.close()
      accepted.push(await subscribe(target, 'tab', 'users/3'))
      target.broadcast('users/1', 'c')
      target.broadcast('users/3', 'd')
      await flush()
      return { accepted, first: first.channels(), second: second.channels() }
    }

    const withIndex = await scenario(transmit)
    assert.deepEqual(withIndex, await scenario(plain))
    assert.deepEqual(withIndex.first, ['users/1'])
  })

  test('random subscribe, unsubscribe, connect and close sequences match the library', async ({
    assert,
  }) => {
    const plain = new Transmit<unknown>({ transport: null })
    const { transmit, index } = indexedTransmit()
    const random = seededRandom(20_250_101)
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]
    const uids = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']
    const channels = ['c/1', 'c/2', 'c/3', 'c/4']
    const open: [FakeClient, FakeClient][] = []

    for (let step = 0; step < 400; step++) {
      const roll = random()
      if (roll < 0.25 || open.length === 0) {
        const uid = pick(uids)
        open.push([new FakeClient(transmit, uid), new FakeClient(plain, uid)])
      } else if (roll < 0.4) {
        const pair = open.splice(Math.floor(random() * open.length), 1)[0]
        await Promise.all(pair.map((client) => client.close()))
      } else {
        const [uid, channel] = [pick(uids), pick(channels)]
        const action = roll < 0.75 ? 'subscribe' : 'unsubscribe'
        const results = await Promise.all(
          [transmit, plain].map((target) => target[action]({ uid, channel, context: {} }))
        )
        assert.equal(results[0], results[1], `step ${step}: ${action} ${uid} ${channel}`)
      }
      for (const channel of channels) {
        const expected = plain.getSubscribersFor(channel)
        assert.deepEqual(transmit.getSubscribersFor(channel), expected, `step ${step}: ${channel}`)
      }
    }

    await Promise.all(open.flat().map((client) => client.close()))
    assert.equal(index.channelCount, 0)
    assert.equal(index.streamCount, 0)
  })

  test('channel authorization is untouched: a refused subscription is not indexed', async ({
    assert,
  }) => {
    const { transmit, index } = indexedTransmit()
    transmit.authorize<{ id: string }>('rooms/:id', (_context, { id }) => id === '1')
    const client = new FakeClient(transmit)

    assert.isTrue(await subscribe(transmit, client.uid, 'rooms/1'))
    assert.isFalse(await subscribe(transmit, client.uid, 'rooms/2'))
    transmit.broadcast('rooms/2', 'secret')
    await flush()

    assert.deepEqual(transmit.getSubscribersFor('rooms/2'), [])
    assert.deepEqual(client.received, [])
    assert.equal(index.channelCount, 1)
  })

  test('the ping and the graceful shutdown still see every open stream and its channels', async ({
    assert,
  }) => {
    const { transmit } = indexedTransmit()
    const [ana, bo] = [new FakeClient(transmit), new FakeClient(transmit)]
    await subscribe(transmit, ana.uid, 'users/1')

    const subscribers = transmit.getManager().getAllSubscribers()

    assert.deepEqual([...subscribers.keys()], [ana.stream, bo.stream])
    assert.deepEqual([...subscribers.get(ana.stream)!], ['users/1'])
    assert.deepEqual([...subscribers.get(bo.stream)!], [])
  })
})

test.group('Live / channel index: memory', () => {
  test('closing every stream leaves the index empty', async ({ assert }) => {
    const { transmit, index } = indexedTransmit()
    const clients = Array.from({ length: 60 }, (_, n) => new FakeClient(transmit, `uid-${n % 20}`))
    for (const [n, client] of clients.entries()) {
      await subscribe(transmit, client.uid, `rooms/${n % 7}`)
      await subscribe(transmit, client.uid, `users/${n}`)
    }
    assert.isAbove(index.channelCount, 0)

    await Promise.all(clients.map((client) => client.close()))

    assert.equal(index.channelCount, 0)
    assert.equal(index.streamCount, 0)
    assert.equal(transmit.getManager().getAllSubscribers().size, 0)
  })

  test('unsubscribing the last subscriber drops the channel entry', async ({ assert }) => {
    const { transmit, index } = indexedTransmit()
    const client = new FakeClient(transmit)
    await subscribe(transmit, client.uid, 'rooms/1')

    await transmit.unsubscribe({ uid: client.uid, channel: 'rooms/1' })

    assert.equal(index.channelCount, 0)
    assert.equal(index.streamCount, 1)
  })
})

test.group('Live / channel index: installation', () => {
  test("the app's Transmit is indexed at boot", async ({ assert }) => {
    const transmit = await app.container.make('transmit')

    assert.isDefined(channelIndexOf(transmit))
    assert.isFalse(
      await transmit.subscribe({ uid: randomUUID(), channel: 'nope/1', context: {} as HttpContext })
    )
  })

  test('installing is idempotent, and indexes streams opened before it', async ({ assert }) => {
    const transmit = new Transmit<unknown>({ transport: null })
    const early = new FakeClient(transmit)
    await subscribe(transmit, early.uid, 'rooms/1')

    const index = await installChannelIndex(transmit)

    assert.strictEqual(await installChannelIndex(transmit), index)
    assert.equal(index.channelCount, 1)
    transmit.broadcast('rooms/1', 'hello')
    await flush()
    assert.deepEqual(early.channels(), ['rooms/1'])
  })

  test('a StreamManager without the expected methods fails loudly', async ({ assert }) => {
    const manager = { findByChannel: () => new Set(), getAllSubscribers: () => new Map() }

    await assert.rejects(
      () => installChannelIndex({ getManager: () => manager }),
      /channel index .* no createStream, subscribe, unsubscribe/
    )
    assert.throws(() => indexStreamManager(manager), /@boringnode\/transmit changed/)
  })

  test('a storage that no longer keeps its streams in that Map fails the probe', async ({
    assert,
  }) => {
    const manager = new ArrayStoredManager()
    await assert.rejects(
      () => installChannelIndex({ getManager: () => manager }),
      /the index disagrees with the library after subscribe/
    )
  })
})

/** What an upgrade could look like: same methods, streams kept elsewhere than the Map. */
class ArrayStoredManager {
  #streams: { uid: string; channels: Set<string>; destroy(): void }[] = []
  #unused = new Map()
  getAllSubscribers() {
    return this.#unused
  }
  findByChannel(channel: string) {
    return new Set(this.#streams.filter((stream) => stream.channels.has(channel)))
  }
  createStream({ uid }: { uid: string }) {
    const stream = { uid, channels: new Set<string>(), destroy() {} }
    this.#streams.push(stream)
    return stream
  }
  async subscribe({ uid, channel }: { uid: string; channel: string }) {
    for (const stream of this.#streams) if (stream.uid === uid) stream.channels.add(channel)
    return true
  }
  async unsubscribe() {
    return true
  }
}
