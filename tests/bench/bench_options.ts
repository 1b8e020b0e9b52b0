import { ENDPOINTS, type EndpointName } from '#tests/bench/endpoints'

/** Everything a bench run is told (the command's flags). */
export type BenchOptions = {
  /** Another checkout to build and measure; this one when unset. */
  appDir?: string
  duration: number
  connections: number
  rounds: number
  warmup: number
  only: EndpointName[]
  json: boolean
  chat: boolean
  subscribers: number
  rate: number
  seconds: number
  /** Where to keep one raw answer of each endpoint and server, if anywhere. */
  saveAnswers?: string
}

/** `--only listing,send` as endpoint names; every endpoint when empty. */
export function endpointsOf(only: string | undefined): EndpointName[] {
  if (!only) return [...ENDPOINTS]
  const names = only
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  const unknown = names.filter((name) => !(ENDPOINTS as readonly string[]).includes(name))
  if (unknown.length) {
    throw new Error(
      `--only: unknown endpoint ${unknown.join(', ')} (known: ${ENDPOINTS.join(', ')})`
    )
  }
  return names as EndpointName[]
}
