import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import {
  complete,
  ESEWA_STATUSES,
  findTransaction,
  recentTransactions,
  SANDBOX_OUTCOMES,
  SANDBOX_STATUS_API_MODES,
  setStatus,
  switches,
} from '#dev/esewa_sandbox/sandbox'
import { answeredStatus } from '#dev/esewa_sandbox/answers'
import { displayAmount } from '#dev/esewa_sandbox/checkout'
import { isEsewaStatus } from '#dev/esewa_sandbox/statuses'
import { wantsJson } from '#core/http/content_negotiation'

/**
 * The sandbox's control panel for manual testing: recent transactions, the
 * switches, and eSewa back-office actions (complete, refund, cancel). JSON in,
 * JSON out; forms are redirected back.
 */
export default class ControlController {
  async index({ view }: HttpContext) {
    const transactions = await recentTransactions(50)
    return view.render('pages/esewa_sandbox/control', {
      transactions: transactions.map((transaction) => ({
        transaction,
        total: displayAmount(transaction.totalAmount),
        answered: transaction.version === 'v2' ? answeredStatus(transaction) : transaction.status,
      })),
      switches: switches.get(),
      outcomes: SANDBOX_OUTCOMES,
      statusApiModes: SANDBOX_STATUS_API_MODES,
      statuses: ESEWA_STATUSES,
    })
  }

  async updateSwitches({ request, response, session }: HttpContext) {
    const json = asksForJson(request)
    const { reset, ...changes } = request.only([
      'reset',
      'outcome',
      'statusApi',
      'slowMs',
      'sessionTtlSeconds',
      'expireSessions',
    ])
    let current
    try {
      current = reset ? switches.reset() : switches.set(changes)
    } catch (error) {
      if (!(error instanceof TypeError)) throw error
      if (json) return response.status(422).send({ error: error.message })
      session.flash('error', error.message)
      return back(response)
    }
    if (json) return response.send({ switches: current })
    session.flash('success', 'Switches saved.')
    return back(response)
  }

  async updateTransaction({ params, request, response, session }: HttpContext) {
    const json = asksForJson(request)
    const status = request.input('status')
    if (!(await findTransaction(params.uuid))) {
      if (json)
        return response.status(404).send({ error: `No sandbox transaction "${params.uuid}"` })
      session.flash('error', `No sandbox transaction "${params.uuid}".`)
      return back(response)
    }
    if (status !== undefined && status !== null && status !== '' && !isEsewaStatus(status)) {
      const message = `status must be one of ${ESEWA_STATUSES.join(', ')}`
      if (json) return response.status(422).send({ error: message })
      session.flash('error', message)
      return back(response)
    }
    const transaction = isEsewaStatus(status)
      ? await setStatus(params.uuid, status)
      : await complete(params.uuid)
    if (json) return response.send({ transaction })
    session.flash('success', `${transaction.transactionUuid} is now ${transaction.status}.`)
    return back(response)
  }
}

/** Back to the page the form was on, else the control page. */
function back(response: HttpContext['response']) {
  return response.redirect().back(urlFor('esewa_sandbox.index'))
}

/**
 * JSON in, JSON out: a script posting a JSON body gets JSON back even
 * without an Accept header (the sandbox's tests and curl do just that).
 */
function asksForJson(request: HttpContext['request']) {
  return request.is(['json']) === 'json' || wantsJson(request)
}
