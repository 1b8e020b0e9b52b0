import http from 'node:http'
import env from '#start/env'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { PAYER, readCheckoutForm } from '#tests/helpers/payments'
import type { HttpSession } from '#tests/helpers/sse_client'

/*
 * Paying against a production child process: it refuses sandbox URLs, so
 * eSewa's host is played by a relay to the sandbox of the test process's
 * own server.
 */

/**
 * The client's side of an unlock: the intent, the hand-off page, eSewa's
 * form and checkout. Returns the path eSewa sends the payer back to.
 */
export async function payThroughEsewa(payer: HttpSession, roomId: number) {
  const intent = await payer.fetch(urlFor('payments.intent'), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept': 'application/json',
      'x-csrf-token': payer.csrfToken,
    },
    body: JSON.stringify({ room_id: roomId }),
  })
  if (intent.status !== 201) throw new Error(`intent: ${intent.status} ${await intent.text()}`)
  const { payment } = (await intent.json()) as { payment: { transactionId: string } }
  const handOff = await payer.fetch(
    urlFor('payments.redirect', { transactionId: payment.transactionId })
  )
  const form = readCheckoutForm(await handOff.text())
  const started = await fetch(form.action, {
    method: 'POST',
    body: new URLSearchParams(form.fields),
    redirect: 'manual',
  })
  const checkout = new URL(started.headers.get('location')!, form.action)
  const sandboxCheckout = `http://${env.get('HOST')}:${env.get('PORT')}${checkout.pathname}`
  const paid = await fetch(sandboxCheckout, {
    method: 'POST',
    body: new URLSearchParams({ action: 'pay', ...PAYER }),
    redirect: 'manual',
  })
  const back = new URL(paid.headers.get('location')!)
  return back.pathname + back.search
}

/**
 * eSewa's host, played by a relay to the sandbox: eSewa's own paths are
 * forwarded unchanged under the sandbox's prefix.
 */
export async function esewaStandIn(sandboxBase: string) {
  const relay = http.createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const answer = await fetch(sandboxBase + request.url, {
      method: request.method,
      headers: { 'content-type': request.headers['content-type'] ?? 'text/plain' },
      body: ['GET', 'HEAD'].includes(request.method!) ? undefined : Buffer.concat(chunks),
      redirect: 'manual',
    })
    const headers: Record<string, string> = {}
    for (const name of ['content-type', 'location']) {
      const value = answer.headers.get(name)
      if (value) headers[name] = value
    }
    response.writeHead(answer.status, headers)
    response.end(Buffer.from(await answer.arrayBuffer()))
  })
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
  return relay
}
