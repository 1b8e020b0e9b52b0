import autocannon from 'autocannon'
import { ENDPOINT_REQUESTS, headersFor, type EndpointName, type Seat } from '#tests/bench/endpoints'

/** What one autocannon run measured. */
export type RunFigures = {
  requestsPerSecond: number
  p50: number
  p99: number
  responses: number
  non2xx: number
  errors: number
  timeouts: number
  /** Responses by status code, e.g. { 200: 5000, 429: 3 }. */
  statuses: Record<string, number>
}

/**
 * A closed-loop run against one server: `seats.length` keep-alive
 * connections, each with its own session (setupClient gives every
 * connection its seat's cookies, CSRF token and body).
 */
export async function loadRun(
  baseUrl: string,
  endpointName: EndpointName,
  seats: Seat[],
  durationSeconds: number
): Promise<RunFigures> {
  const endpoint = ENDPOINT_REQUESTS[endpointName]
  const first = endpoint.request(seats[0], 0)
  let nextConnection = 0
  const result = await autocannon({
    url: `${baseUrl}${first.path}`,
    method: first.method,
    connections: seats.length,
    duration: durationSeconds,
    timeout: 30,
    setupClient: (client) => {
      const connection = nextConnection++ % seats.length
      const seat = seats[connection]
      const request = endpoint.request(seat, connection)
      client.setRequests([{ ...request, headers: headersFor(endpoint, seat, request) }])
    },
  })
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])
  )
  return {
    requestsPerSecond: result.latency.totalCount / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    responses: result.latency.totalCount,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
  }
}
