/*
 * CPU time per Transmit broadcast with 5,000 open streams over 1,000
 * channels, with the library's scan and with Kotha's channel index
 * (app/core/live/channel_index.ts).
 *
 *   node --import @poppinss/ts-exec tests/bench/transmit_broadcast.ts
 *
 * No app boot, no database: real Transmit instances with real streams
 * piped into sinks that discard what they are sent (the cost of writing
 * the few messages is the same both ways, and included).
 */
import { Writable } from 'node:stream'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Transmit } from '@boringnode/transmit'
import { indexStreamManager } from '#core/live/channel_index'

const STREAMS = 5_000
const CHANNELS = 1_000
const WARMUP_BROADCASTS = 5_000
const BROADCASTS = 20_000
const BATCH = 500
const ROUNDS = 3

type Setup = { transmit: Transmit<unknown>; written: () => number }

/** A Transmit with STREAMS open streams, stream n subscribed to channel n % CHANNELS. */
async function openStreams(indexed: boolean): Promise<Setup> {
  const transmit = new Transmit<unknown>({ transport: null })
  if (indexed) indexStreamManager(transmit.getManager())
  let writes = 0
  for (let n = 0; n < STREAMS; n++) {
    const sink = new Writable({
      write: (_chunk, _encoding, done) => {
        writes++
        done()
      },
    })
    const uid = `stream-${n}`
    transmit.createStream({
      uid,
      request: {} as IncomingMessage,
      response: sink as unknown as ServerResponse,
      context: null,
    })
    await transmit.subscribe({ uid, channel: `rooms/${n % CHANNELS}`, skipAuthorization: true })
  }
  return { transmit, written: () => writes }
}

const drain = () => new Promise((resolve) => setImmediate(resolve))

/** Broadcasts `count` messages round the channels; µs of CPU (user + system) per broadcast. */
async function cpuPerBroadcast({ transmit }: Setup, count: number) {
  const start = process.cpuUsage()
  for (let sent = 0; sent < count; sent += BATCH) {
    for (let n = sent; n < sent + BATCH; n++) {
      transmit.broadcast(`rooms/${(n * 7) % CHANNELS}`, { id: n, text: 'namaste' })
    }
    await drain()
  }
  const used = process.cpuUsage(start)
  return (used.user + used.system) / count
}

/** µs of CPU per subscriber lookup alone (what each broadcast starts with). */
function cpuPerLookup({ transmit }: Setup, count: number) {
  const start = process.cpuUsage()
  let found = 0
  for (let n = 0; n < count; n++) {
    found += transmit.getSubscribersFor(`rooms/${n % CHANNELS}`).length
  }
  const used = process.cpuUsage(start)
  if (found !== count * (STREAMS / CHANNELS)) throw new Error('a lookup missed subscribers')
  return (used.user + used.system) / count
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]
const format = (us: number) => `${us.toFixed(2).padStart(8)} µs`

type Samples = { scan: number[]; index: number[] }

function report(broadcasts: Samples, lookups: Samples) {
  const [withoutIndex, withIndex] = [median(broadcasts.scan), median(broadcasts.index)]
  const [lookupScan, lookupIndex] = [median(lookups.scan), median(lookups.index)]
  console.log(`${STREAMS} streams, ${CHANNELS} channels, ${STREAMS / CHANNELS} subscribers each;`)
  console.log(`median of ${ROUNDS} rounds of ${BROADCASTS} broadcasts (CPU time, user + system)`)
  console.log(`broadcast without index ${format(withoutIndex)}`)
  console.log(`broadcast with index    ${format(withIndex)}`)
  console.log(`ratio                   ${(withoutIndex / withIndex).toFixed(1).padStart(8)} ×`)
  console.log(`lookup alone, without   ${format(lookupScan)}`)
  console.log(`lookup alone, with      ${format(lookupIndex)}`)
  console.log(`ratio                   ${(lookupScan / lookupIndex).toFixed(0).padStart(8)} ×`)
}

async function main() {
  const scan = await openStreams(false)
  const index = await openStreams(true)
  await cpuPerBroadcast(scan, WARMUP_BROADCASTS)
  await cpuPerBroadcast(index, WARMUP_BROADCASTS)

  const broadcasts: Samples = { scan: [], index: [] }
  const lookups: Samples = { scan: [], index: [] }
  for (let round = 0; round < ROUNDS; round++) {
    broadcasts.scan.push(await cpuPerBroadcast(scan, BROADCASTS))
    broadcasts.index.push(await cpuPerBroadcast(index, BROADCASTS))
    lookups.scan.push(cpuPerLookup(scan, BROADCASTS))
    lookups.index.push(cpuPerLookup(index, BROADCASTS))
  }
  // Same streams, same broadcasts: both ways must have written the same messages.
  if (scan.written() !== index.written()) throw new Error('the two setups delivered differently')
  report(broadcasts, lookups)
}

await main()
