import { loadRun, type RunFigures } from '#tests/bench/load_run'
import type { EndpointName, Seat } from '#tests/bench/endpoints'
import type { Log } from '#tests/bench/bench_setup'

export type Target = { name: 'kotha' | 'ceiling'; baseUrl: string }

export type EndpointFigures = {
  endpoint: EndpointName
  rounds: Record<Target['name'], RunFigures[]>
}

export type RoundSettings = { duration: number; rounds: number; warmup: number }

/** Called after every run: lets the deferred work of a run finish before the next one starts. */
export type Settle = (after: Target) => Promise<void>

/**
 * One endpoint, Kotha and the ceiling in turn: a short warm-up of each
 * (JIT, pools, caches; not counted), then `rounds` runs of each,
 * alternating which goes first so neither always runs on a warmer machine.
 */
export async function measureEndpoint(
  endpoint: EndpointName,
  targets: [Target, Target],
  seats: Seat[],
  settings: RoundSettings,
  settle: Settle,
  log: Log
): Promise<EndpointFigures> {
  const figures: EndpointFigures = { endpoint, rounds: { kotha: [], ceiling: [] } }
  if (settings.warmup > 0) {
    for (const target of targets) {
      await loadRun(target.baseUrl, endpoint, seats, settings.warmup)
      await settle(target)
    }
  }
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? targets : [targets[1], targets[0]]
    for (const target of order) {
      const run = await loadRun(target.baseUrl, endpoint, seats, settings.duration)
      figures.rounds[target.name].push(run)
      log(`  ${endpoint} round ${round + 1} ${target.name.padEnd(7)} ${describeRun(run)}`)
      await settle(target)
    }
  }
  return figures
}

export function describeRun(run: RunFigures) {
  const problems = run.non2xx + run.errors
  const statuses = Object.entries(run.statuses)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ')
  return (
    `${run.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  ` +
    `[${statuses || 'no answers'}]${problems ? `  !! ${run.non2xx} non-2xx, ${run.errors} errors (${run.timeouts} timeouts)` : ''}`
  )
}
