import { Agent } from 'node:http'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BenchConversation, LoggedIn } from '#tests/bench/bench_users'
import { LiveStream, subscribe, type LiveEvent } from '#tests/bench/live_stream'
import { offerMessages, sequenceOf, type Offered } from '#tests/bench/chat_sender'
import { openFilesLimit, residentKib } from '#tests/bench/machine'
import { inBatches } from '#tests/bench/stats'
import type { Log } from '#tests/bench/bench_setup'
import type { BenchOptions } from '#tests/bench/bench_options'
import type { Running } from '#tests/bench/bench_run'
import { chatReport, type Crowd } from '#tests/bench/chat_report'

export { printChatReport, type ChatReport } from '#tests/bench/chat_report'

const STREAMS_PER_CONVERSATION = 5
/** Sockets besides the streams: load connections, pools, the sender's keep-alive agent. */
const OTHER_FILES = 700

/**
 * Fewer streams than asked when this process or the server (which
 * inherits its limits) may not open that many files: said loudly, with
 * how to raise the limit. Node cannot raise its own.
 */
function streamsThatFit(wanted: number, serverPid: number | undefined, log: Log) {
  const own = openFilesLimit('self')
  const server = openFilesLimit(serverPid ?? 'self')
  const room = Math.min(own.soft, server.soft)
  if (wanted + OTHER_FILES <= room) return wanted
  const fits = Math.max(0, room - OTHER_FILES)
  const needed = wanted + OTHER_FILES
  const how =
    Math.min(own.hard, server.hard) >= needed
      ? `run \`ulimit -n ${needed}\` in the shell that starts the bench`
      : `the hard limit is ${Math.min(own.hard, server.hard)}: raise it as root (limits.conf, LimitNOFILE)`
  log(
    `!! open files limit (ulimit -n) ${room} is too low for ${wanted} streams: opening ${fits}; ${how}`
  )
  return fits
}

/** Deliveries seen by the receivers: per message, and how long each took from when it was due. */
class Deliveries {
  offered: Offered[] = []
  counts = new Map<number, number>()
  latencies: number[] = []

  receive = (event: LiveEvent) => {
    if (event?.payload?.type !== 'message') return
    const sequence = sequenceOf(event.payload.message?.content)
    const due = sequence === null ? undefined : this.offered[sequence]
    if (!due || sequence === null) return
    this.counts.set(sequence, (this.counts.get(sequence) ?? 0) + 1)
    this.latencies.push(performance.now() - due.dueAt)
  }

  get received() {
    return this.latencies.length
  }
}

/**
 * Opens the streams, `STREAMS_PER_CONVERSATION` per conversation shared
 * between its client and owner (several streams per session, each its own
 * uid), and subscribes each to its conversation's channel.
 */
async function openCrowd(running: Running, wanted: number, deliveries: Deliveries, log: Log) {
  const used = running.conversations.slice(
    0,
    Math.min(running.conversations.length, Math.ceil(wanted / STREAMS_PER_CONVERSATION))
  )
  const people = [...new Set(used.flatMap((one) => [one.clientId, one.ownerId]))]
  const loginStarted = performance.now()
  const sessions = new Map<number, LoggedIn>()
  for (const user of await running.logins.as(people)) sessions.set(user.userId, user)
  const loginSeconds = (performance.now() - loginStarted) / 1000
  const rssBefore = residentKib(running.kotha.pid)

  const streams = Array.from({ length: wanted }, (_, index) => {
    const conversation = used[index % used.length]
    const asClient = Math.floor(index / used.length) % 2 === 0
    const user = sessions.get(asClient ? conversation.clientId : conversation.ownerId)!
    return { conversation, stream: new LiveStream(running.kotha.baseUrl, user, deliveries.receive) }
  })
  const openStarted = performance.now()
  const opened = await inBatches(streams, 100, ({ stream }) => stream.connect())
  const agent = new Agent({ keepAlive: true, maxSockets: 32 })
  const subscribed = await inBatches(streams, 32, ({ stream, conversation }, index) =>
    opened[index] === 200
      ? subscribe(stream, `conversations/${conversation.id}`, agent, running.kotha.baseUrl)
      : Promise.resolve(0)
  )
  agent.destroy()
  const openSeconds = (performance.now() - openStarted) / 1000
  await sleep(1000)
  log(
    `  ${opened.filter((status) => status === 200).length} streams open and subscribed in ${openSeconds.toFixed(1)} s`
  )
  return {
    used,
    people: people.length,
    loginSeconds,
    rssBefore,
    streams,
    opened,
    subscribed,
    openSeconds,
  }
}

/** Subscribed streams per conversation id: the deliveries a message to it should make. */
function listenersByConversation(crowd: Awaited<ReturnType<typeof openCrowd>>) {
  const listeners = new Map<number, number>()
  crowd.streams.forEach(({ conversation }, index) => {
    if (crowd.subscribed[index] >= 200 && crowd.subscribed[index] < 300) {
      listeners.set(conversation.id, (listeners.get(conversation.id) ?? 0) + 1)
    }
  })
  return listeners
}

/** Waits for the deliveries still on their way, up to `ms`. */
async function awaitDeliveries(deliveries: Deliveries, expected: number, ms: number) {
  const deadline = performance.now() + ms
  while (deliveries.received < expected && performance.now() < deadline) await sleep(50)
}

/** The chat scenario: N live subscribers, M messages a second offered open loop. */
export async function runChatScenario(running: Running, options: BenchOptions, log: Log) {
  log('')
  log(
    `Chat: ${options.subscribers} live subscribers, ${options.rate} messages/s for ${options.seconds} s`
  )
  const wanted = streamsThatFit(options.subscribers, running.kotha.pid, log)
  const backlog = await running.backlog.count()
  if (backlog) log(`  (Kotha's push queue still has ${backlog} jobs due from the endpoint runs)`)
  const deliveries = new Deliveries()
  const crowd = await openCrowd(running, wanted, deliveries, log)
  const rssWithStreams = residentKib(running.kotha.pid)
  const listeners = listenersByConversation(crowd)
  const senders = await clientsOf(running, crowd.used)
  try {
    await offerMessages(running.kotha.baseUrl, senders, options, deliveries.offered)
    const expected = deliveries.offered.reduce(
      (sum, one) => sum + (one.status === 201 ? (listeners.get(one.conversationId) ?? 0) : 0),
      0
    )
    await awaitDeliveries(deliveries, expected, 10_000)
    const summary: Crowd = { ...crowd, rssWithStreams, wanted, listeners }
    return chatReport(summary, deliveries)
  } finally {
    crowd.streams.forEach(({ stream }) => stream.close())
  }
}

/** The senders: each conversation's client, logged in already. */
async function clientsOf(running: Running, conversations: BenchConversation[]) {
  const clients = await running.logins.as(conversations.map(({ clientId }) => clientId))
  return conversations.map((conversation, index) => ({ conversation, client: clients[index] }))
}
