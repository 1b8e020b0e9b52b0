import { setTimeout as sleep } from 'node:timers/promises'
import type {
  DatabaseServer,
  ProductionServer,
  ServerSettings,
} from '#tests/helpers/production_server'
import { appRootOf, prepareBench, type Log } from '#tests/bench/bench_setup'
import { startKotha } from '#tests/bench/kotha_server'
import { CeilingProcess } from '#tests/bench/ceiling_process'
import { BenchLogins, loadConversations, type BenchConversation } from '#tests/bench/bench_users'
import { ENDPOINT_REQUESTS, seatsFor, type EndpointName, type Seat } from '#tests/bench/endpoints'
import { probeEndpoint, saveAnswer } from '#tests/bench/probe'
import { measureEndpoint, type Settle, type Target } from '#tests/bench/rounds'
import { JobBacklog } from '#tests/bench/job_backlog'
import { BenchLock } from '#tests/bench/bench_database'
import { printTable, summarizeEndpoint, type EndpointSummary } from '#tests/bench/report'
import type { BenchOptions } from '#tests/bench/bench_options'
import { runChatScenario, printChatReport, type ChatReport } from '#tests/bench/chat_scenario'

export type BenchContext = {
  /** This checkout (the harness, the ceiling). */
  ownRoot: string
  dbServer: DatabaseServer
  hashPassword: (password: string) => Promise<string>
  log: Log
}

/** What the servers under test share with the steps of a run. */
type Running = {
  kotha: ProductionServer
  ceiling: CeilingProcess
  targets: [Target, Target]
  conversations: BenchConversation[]
  logins: BenchLogins
  backlog: JobBacklog
}

/** The load connections' seats for an endpoint, logged in (each person once per run). */
async function seatsOf(running: Running, endpoint: EndpointName, count: number) {
  const wanted = seatsFor(ENDPOINT_REQUESTS[endpoint].as, count, running.conversations)
  const users = await running.logins.as(wanted.map(({ userId }) => userId))
  return wanted.map(({ conversation }, index): Seat => ({ conversation, user: users[index] }))
}

const indent = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => `      | ${line}`)
    .join('\n')

/** Sizes of one answer of each server, and a loud word when either is not a 2xx. */
async function probe(
  running: Running,
  endpoint: EndpointName,
  seat: Seat,
  options: BenchOptions,
  log: Log
) {
  const sizes: Record<string, { status: number; gzipBytes: number; rawBytes: number }> = {}
  for (const target of running.targets) {
    const { gzipped, raw } = await probeEndpoint(target.baseUrl, endpoint, seat)
    if (options.saveAnswers) {
      const extension = ENDPOINT_REQUESTS[endpoint].kind === 'page' ? 'html' : 'json'
      await saveAnswer(options.saveAnswers, `${endpoint}.${target.name}.${extension}`, raw)
    }
    sizes[target.name] = { status: gzipped.status, gzipBytes: gzipped.bytes, rawBytes: raw.bytes }
    const bad = gzipped.status < 200 || gzipped.status > 299
    log(
      `  ${endpoint} ${target.name.padEnd(7)} HTTP ${gzipped.status}: ${gzipped.bytes} bytes ` +
        `${gzipped.encoding ?? 'identity'}, ${raw.bytes} bytes raw` +
        (bad ? `  !! NOT 2xx: ${gzipped.body.toString('utf8', 0, 300)}` : '')
    )
    if (bad) {
      // What the server logged about it (its logger writes asynchronously).
      await sleep(500)
      const output = target.name === 'kotha' ? running.kotha.output : running.ceiling.output
      log(indent(output.slice(-3000)))
    }
  }
  return sizes
}

/**
 * After a Kotha run: its worker's push backlog drained (up to 30 s), so
 * that work does not fall into the ceiling's next run; said when it waited.
 */
function settle(running: Running, log: Log): Settle {
  return async (after) => {
    if (after.name !== 'kotha') return
    const { seconds, first, left, perSecond } = await running.backlog.drain()
    if (seconds < 1 && !left) return
    log(
      `    (Kotha's worker: ${first} push jobs due after the run, ${first - left} delivered in ` +
        `${seconds.toFixed(1)} s, ${perSecond.toFixed(0)}/s${left ? `; ${left} still due, the next run starts anyway` : ''})`
    )
  }
}

async function measureAll(running: Running, options: BenchOptions, log: Log) {
  const summaries: EndpointSummary[] = []
  const sizes: Record<string, Awaited<ReturnType<typeof probe>>> = {}
  for (const endpoint of options.only) {
    const seats = await seatsOf(running, endpoint, options.connections)
    sizes[endpoint] = await probe(running, endpoint, seats[0], options, log)
    const figures = await measureEndpoint(
      endpoint,
      running.targets,
      seats,
      options,
      settle(running, log),
      log
    )
    summaries.push(summarizeEndpoint(figures))
  }
  return { summaries, sizes }
}

/** How the two servers were started: the commands and the settings they run with. */
function describeServers(
  settings: ServerSettings,
  kotha: ProductionServer,
  ceiling: CeilingProcess,
  log: Log
) {
  const env = Object.entries(settings.env ?? {})
    .filter(([name]) => !name.endsWith('KEY'))
    .map(([name, value]) => `${name}=${value}`)
    .join(' ')
  log(`Kotha: node bin/server.js in ${settings.buildDir} (pid ${kotha.pid}, ${kotha.baseUrl})`)
  log(`  NODE_ENV=production ${env}, APP_KEY and VAPID keys made for this run (push on)`)
  log(
    `ceiling: node --import @poppinss/ts-exec tests/bench/ceiling_server.ts (pid ${ceiling.pid}, ` +
      `${ceiling.baseUrl}), pg pool max 10, on the same database and sessions`
  )
}

async function startServers(options: BenchOptions, context: BenchContext) {
  const { log } = context
  const appRoot = await appRootOf(options.appDir, context.ownRoot, log)
  const bench = await prepareBench(appRoot, context.dbServer, context.hashPassword, log)
  const kotha = await startKotha(bench.settings)
  const ceiling = new CeilingProcess(context.ownRoot, {
    database: bench.settings.database,
    appKey: bench.appKey,
    poolMax: 10,
  })
  await ceiling.start().catch(async (error) => {
    await kotha.stop()
    throw error
  })
  describeServers(bench.settings, kotha, ceiling, log)
  const conversations = await bench.database.withClient((client) =>
    loadConversations((sql) => client.query(sql))
  )
  const targets: [Target, Target] = [
    { name: 'kotha', baseUrl: kotha.baseUrl },
    { name: 'ceiling', baseUrl: ceiling.baseUrl },
  ]
  const backlog = await new JobBacklog(context.dbServer, bench.database.name).open()
  return { kotha, ceiling, targets, conversations, backlog, logins: new BenchLogins(kotha.baseUrl) }
}

/** The whole run, holding the server's bench lock (one bench at a time). */
export async function runBench(options: BenchOptions, context: BenchContext) {
  const lock = await BenchLock.acquire(context.dbServer, context.log)
  try {
    return await measureWithServers(options, context)
  } finally {
    await lock.release()
  }
}

/** Servers up, endpoints measured in turn, the chat scenario, the report; servers down. */
async function measureWithServers(options: BenchOptions, context: BenchContext) {
  const { log } = context
  const running = await startServers(options, context)
  try {
    log('')
    log('Endpoints (closed loop, medians over rounds)')
    const { summaries, sizes } = await measureAll(running, options, log)
    let chat: ChatReport | null = null
    if (options.chat) chat = await runChatScenario(running, options, log)
    log('')
    printTable(summaries, log)
    const listing = sizes.listing
    if (listing) {
      log(
        `Listing page (GET /): Kotha ${listing.kotha.gzipBytes} bytes gzipped, ${listing.kotha.rawBytes} raw; ` +
          `ceiling ${listing.ceiling.gzipBytes} gzipped, ${listing.ceiling.rawBytes} raw`
      )
    }
    if (chat) printChatReport(chat, log)
    const pushJobsDue = await running.backlog.count()
    if (pushJobsDue) log(`Kotha's push queue: ${pushJobsDue} jobs still due at the end of the run`)
    return { summaries, sizes, chat, pushJobsDue }
  } finally {
    await running.backlog.close()
    await running.ceiling.stop()
    await running.kotha.stop()
  }
}

export type { Running }
