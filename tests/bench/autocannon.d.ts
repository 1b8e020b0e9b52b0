/**
 * The part of autocannon's programmatic API the bench uses (the package
 * ships no types).
 */
declare module 'autocannon' {
  export type Histogram = {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    total: number
    p50: number
    p90: number
    p99: number
  }

  export type Request = {
    method: 'GET' | 'POST'
    path: string
    headers?: Record<string, string>
    body?: string
  }

  /** One load connection: it can be given requests of its own (path, headers, body). */
  export type Client = {
    setRequests(requests: Request[]): void
  }

  export type Options = {
    url: string
    connections?: number
    duration?: number
    timeout?: number
    method?: 'GET' | 'POST'
    headers?: Record<string, string>
    body?: string
    setupClient?: (client: Client) => void
  }

  export type Result = {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats: Record<string, { count: number }>
    requests: Histogram & { sent: number }
    latency: Histogram & { totalCount: number }
    throughput: Histogram
  }

  export default function autocannon(options: Options): Promise<Result>
}
