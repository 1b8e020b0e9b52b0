import autocannon from 'autocannon'
import type { BenchDatabase } from '#tests/bench/bench_database'
import { BenchLogins, loadConversations } from '#tests/bench/bench_users'
import {
  ENDPOINTS,
  ENDPOINT_REQUESTS,
  headersFor,
  seatsFor,
  type EndpointName,
} from '#tests/bench/endpoints'

/**
 * The load of one endpoint as the bench drives it (the same logged-in
 * seats, requests and headers), for a CPU profile: a function of the
 * server's base URL.
 */
export async function loadForProfile(
  endpoint: string,
  database: BenchDatabase,
  settings: { duration: number; connections: number }
) {
  if (!(ENDPOINTS as readonly string[]).includes(endpoint)) {
    throw new Error(`unknown endpoint "${endpoint}" (known: ${ENDPOINTS.join(', ')})`)
  }
  const definition = ENDPOINT_REQUESTS[endpoint as EndpointName]
  const conversations = await database.withClient((client) =>
    loadConversations((sql) => client.query(sql))
  )
  const seats = seatsFor(definition.as, settings.connections, conversations)
  return async (baseUrl: string) => {
    const users = await new BenchLogins(baseUrl).as(seats.map((seat) => seat.userId))
    const requests = seats.map(({ conversation }, index) => {
      const seat = { user: users[index], conversation }
      const request = definition.request(seat, index)
      return { ...request, headers: headersFor(definition, seat, request) }
    })
    let next = 0
    await autocannon({
      url: baseUrl,
      connections: settings.connections,
      duration: settings.duration,
      // Each connection keeps one seat (its own session), as in the bench.
      setupClient: (client) => {
        client.setRequests([requests[next++ % requests.length]])
      },
    })
  }
}
