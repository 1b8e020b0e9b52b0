import type { EndpointFigures } from '#tests/bench/rounds'
import type { RunFigures } from '#tests/bench/load_run'
import { figure, median } from '#tests/bench/stats'
import type { Log } from '#tests/bench/bench_setup'

/** Medians over the rounds of one server on one endpoint, and what went wrong in any round. */
export function summarize(runs: RunFigures[]) {
  return {
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    responses: runs.reduce((sum, run) => sum + run.responses, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  }
}

export type EndpointSummary = {
  endpoint: string
  kotha: ReturnType<typeof summarize>
  ceiling: ReturnType<typeof summarize>
  /**
   * Kotha's req/s over the ceiling's: the median of each round's ratio (a
   * Kotha round and the ceiling round next to it in time), so a machine
   * that gets busier or quieter during the run moves both sides of a ratio.
   */
  ratio: number
  /** The lowest and highest of those per-round ratios: how noisy the run was. */
  ratioRange: [number, number]
  /** Every run, for --json. */
  runs: EndpointFigures['rounds']
}

export function summarizeEndpoint(figures: EndpointFigures): EndpointSummary {
  const kotha = summarize(figures.rounds.kotha)
  const ceiling = summarize(figures.rounds.ceiling)
  const perRound = figures.rounds.kotha.map(
    (run, index) => run.requestsPerSecond / figures.rounds.ceiling[index].requestsPerSecond
  )
  return {
    endpoint: figures.endpoint,
    kotha,
    ceiling,
    ratio: median(perRound),
    ratioRange: [Math.min(...perRound), Math.max(...perRound)],
    runs: figures.rounds,
  }
}

const COLUMNS = [
  ['endpoint', 9],
  ['kotha req/s', 12],
  ['p50 ms', 7],
  ['p99 ms', 7],
  ['ceiling req/s', 14],
  ['p50 ms', 7],
  ['p99 ms', 7],
  ['kotha/ceiling', 14],
  ['per round', 12],
] as const

/** The table of medians, then a loud line for every endpoint that had failures. */
export function printTable(summaries: EndpointSummary[], log: Log) {
  log(COLUMNS.map(([title, width]) => title.padStart(width)).join(' '))
  for (const { endpoint, kotha, ceiling, ratio, ratioRange } of summaries) {
    const cells = [
      endpoint,
      figure(kotha.requestsPerSecond, 0),
      figure(kotha.p50, 0),
      figure(kotha.p99, 0),
      figure(ceiling.requestsPerSecond, 0),
      figure(ceiling.p50, 0),
      figure(ceiling.p99, 0),
      figure(ratio, 2),
      `${figure(ratioRange[0], 2)}–${figure(ratioRange[1], 2)}`,
    ]
    log(cells.map((cell, index) => cell.padStart(COLUMNS[index][1])).join(' '))
  }
  for (const { endpoint, kotha, ceiling } of summaries) {
    for (const [name, server] of [
      ['Kotha', kotha],
      ['ceiling', ceiling],
    ] as const) {
      if (server.non2xx || server.errors) {
        log(
          `!! ${endpoint}: ${name} answered ${server.non2xx} non-2xx and had ${server.errors} ` +
            `errors out of ${server.responses} responses: its figures do not measure the endpoint`
        )
      }
    }
  }
}
