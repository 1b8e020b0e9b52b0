import type { HttpContext } from '@adonisjs/core/http'
import { statusApiAnswer, transrecAnswer, type SandboxAnswer } from '#dev/esewa_sandbox/answers'

/**
 * The simulated server-to-server checks: the v2 status API and v1 transrec.
 * Bodies are written byte for byte as the service builds them.
 */
export default class StatusController {
  async status({ request, response }: HttpContext) {
    return send(response, await statusApiAnswer(request.qs()))
  }

  async transrec({ request, response }: HttpContext) {
    return send(response, await transrecAnswer(request.all()))
  }
}

function send(response: HttpContext['response'], answer: SandboxAnswer) {
  return response.status(answer.status).header('Content-Type', answer.contentType).send(answer.body)
}
