import type { Offered } from '#tests/bench/chat_sender'
import { figure, quantile } from '#tests/bench/stats'
import type { Log } from '#tests/bench/bench_setup'

/** What opening the streams gave. */
export type Crowd = {
  wanted: number
  used: unknown[]
  people: number
  loginSeconds: number
  openSeconds: number
  opened: number[]
  subscribed: number[]
  rssBefore: number
  rssWithStreams: number
  listeners: Map<number, number>
}

/** Tallies of statuses, e.g. { 200: 4990, 0: 10 } (0: no answer). */
function tally(statuses: number[]) {
  const counts: Record<string, number> = {}
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1
  return counts
}

/**
 * Per message sent OK, the deliveries its conversation's subscribed
 * streams should get: what did not come is lost, what came twice is extra.
 */
function tallyDeliveries(
  offered: Offered[],
  counts: Map<number, number>,
  listeners: Map<number, number>
) {
  let expected = 0
  let lost = 0
  let extra = 0
  offered.forEach((one, sequence) => {
    const wanted = one.status === 201 ? (listeners.get(one.conversationId) ?? 0) : 0
    const got = counts.get(sequence) ?? 0
    expected += wanted
    lost += Math.max(0, wanted - got)
    extra += Math.max(0, got - wanted)
  })
  return { expected, lost, extra }
}

function okPerSecond(offered: Offered[]) {
  const answered = offered.filter((one) => one.status === 201 && one.answeredAt)
  if (!answered.length) return 0
  const last = Math.max(...answered.map((one) => one.answeredAt!))
  return (answered.length * 1000) / (last - offered[0].dueAt)
}

export function chatReport(
  crowd: Crowd,
  deliveries: { offered: Offered[]; counts: Map<number, number>; latencies: number[] }
) {
  const { offered, counts, latencies } = deliveries
  const open = crowd.opened.filter((status) => status === 200).length
  const sendLatencies = offered
    .filter((one) => one.answeredAt)
    .map((one) => one.answeredAt! - one.dueAt)
  return {
    streams: {
      wanted: crowd.wanted,
      open,
      refused: tally(crowd.opened.filter((status) => status !== 200)),
      subscribed: crowd.subscribed.filter((status) => status >= 200 && status < 300).length,
      subscribeRefused: tally(crowd.subscribed.filter((status) => status < 200 || status >= 300)),
      conversations: crowd.listeners.size,
      people: crowd.people,
      loginSeconds: crowd.loginSeconds,
      openSeconds: crowd.openSeconds,
    },
    rss: {
      beforeKib: crowd.rssBefore,
      withStreamsKib: crowd.rssWithStreams,
      perConnectionKib: open ? (crowd.rssWithStreams - crowd.rssBefore) / open : Number.NaN,
    },
    messages: {
      offered: offered.length,
      /** Sends answered OK per second, from the first due to the last answer. */
      okPerSecond: okPerSecond(offered),
      sentOk: offered.filter((one) => one.status === 201).length,
      statuses: tally(offered.map((one) => one.status ?? 0)),
      sendP50: quantile(sendLatencies, 0.5),
      sendP99: quantile(sendLatencies, 0.99),
    },
    deliveries: {
      ...tallyDeliveries(offered, counts, crowd.listeners),
      received: latencies.length,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
    },
  }
}

export type ChatReport = ReturnType<typeof chatReport>

const statusList = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([status, count]) => `${status === '0' ? 'no answer' : status}×${count}`)
    .join(', ')

export function printChatReport(report: ChatReport, log: Log) {
  const { streams, rss, messages, deliveries } = report
  log('')
  log(
    `Chat: ${streams.open} of ${streams.wanted} streams open, ${streams.subscribed} subscribed, over ` +
      `${streams.conversations} conversations (${streams.people} people logged in in ${streams.loginSeconds.toFixed(1)} s; ` +
      `streams opened and subscribed in ${streams.openSeconds.toFixed(1)} s)`
  )
  if (Object.keys(streams.refused).length) log(`!! streams refused: ${statusList(streams.refused)}`)
  if (Object.keys(streams.subscribeRefused).length) {
    log(`!! subscriptions refused: ${statusList(streams.subscribeRefused)}`)
  }
  log(
    `  Kotha RSS ${figure(rss.beforeKib / 1024)} MiB before the streams, ${figure(rss.withStreamsKib / 1024)} MiB ` +
      `with them: ${figure(rss.perConnectionKib)} KiB per connection`
  )
  log(
    `  messages offered ${messages.offered}, sent OK ${messages.sentOk} (${statusList(messages.statuses)}); ` +
      `${figure(messages.okPerSecond, 0)}/s answered; send p50 ${figure(messages.sendP50)} ms, ` +
      `p99 ${figure(messages.sendP99)} ms (from when each was due)`
  )
  log(
    `  deliveries expected ${deliveries.expected}, received ${deliveries.received}, lost ${deliveries.lost}; ` +
      `send→receive p50 ${figure(deliveries.p50)} ms, p99 ${figure(deliveries.p99)} ms`
  )
  if (messages.sentOk < messages.offered) {
    log(`!! ${messages.offered - messages.sentOk} sends failed`)
  }
  if (deliveries.lost) {
    log(`!! ${deliveries.lost} deliveries lost (not received within 10 s of the last send)`)
  }
  if (deliveries.extra) log(`!! ${deliveries.extra} deliveries received more than once`)
}
