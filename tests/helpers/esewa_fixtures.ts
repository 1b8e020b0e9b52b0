import { readFileSync } from 'node:fs'
import axios, { type AxiosAdapter } from 'axios'
import app from '@adonisjs/core/services/app'

/** The transaction every recorded fixture is about. */
export const FIXTURE_TRANSACTION_ID = '3f2d8a61-4c7e-4b9a-9e21-7a5c0d1b2e34'

/** A recorded redirect (its query) or server-to-server answer (its HTTP status and body). */
export type EsewaFixture = {
  description: string
  query?: Record<string, string>
  httpStatus?: number
  body?: string
}

/**
 * A numbered fixture from tests/fixtures/esewa/<version>/, e.g.
 * esewaFixture('v2', '04_status_complete').
 */
export function esewaFixture(version: 'v1' | 'v2', name: string): EsewaFixture {
  const file = app.makePath('tests/fixtures/esewa', version, `${name}.json`)
  return JSON.parse(readFileSync(file, 'utf8'))
}

/**
 * eSewa's server-to-server answers, replayed in order from fixtures: the
 * real gateways make their HTTP requests and read the recorded answers.
 * Call restore() when done; `asked` lists what the app requested.
 */
export function replayEsewaAnswers(answers: EsewaFixture[]) {
  const queue = [...answers]
  const asked: { method?: string; url?: string; params?: unknown; data?: unknown }[] = []
  const previous = axios.defaults.adapter
  const adapter: AxiosAdapter = async (config) => {
    asked.push({ method: config.method, url: config.url, params: config.params, data: config.data })
    const answer = queue.shift()
    if (!answer) throw new Error(`no recorded eSewa answer left for ${config.url}`)
    return {
      data: answer.body,
      status: answer.httpStatus ?? 200,
      statusText: String(answer.httpStatus ?? 200),
      headers: {},
      config,
      request: {},
    }
  }
  axios.defaults.adapter = adapter
  return {
    asked,
    remaining: () => queue.length,
    restore: () => {
      axios.defaults.adapter = previous
    },
  }
}
