import { getJson, postJson } from './lib/http.js'
import { listen } from './live.js'

/**
 * The unlock modal: creates a payment attempt, offers "Pay with eSewa" and
 * a QR code for a phone, and follows the attempt live until eSewa confirms
 * it (or it fails or expires). Without script, the unlock form posts and
 * the server shows the same choices as a page.
 */
export function setUpPaymentModal(form) {
  const modal = document.getElementById('payment-modal')
  if (!modal) return
  const flow = paymentFlow(form, modal)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    flow.start()
  })
  modal.querySelector('[data-modal-close]').addEventListener('click', () => modal.close())
  modal.addEventListener('close', () => flow.stop())
  modal.querySelector('[data-retry]').addEventListener('click', () => flow.start())
  // From here a click opens the modal instead of posting the form (tests wait for it).
  form.dataset.enhanced = 'true'
  modal
    .querySelector('[data-show-contact]')
    .addEventListener('click', () => window.location.reload())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') flow.refreshStatus()
  })
}

/** Shows one of the modal's sections (loading, ready, unlocked, problem). */
function showState(modal, state) {
  modal.querySelectorAll('[data-state]').forEach((section) => {
    section.hidden = section.dataset.state !== state
  })
}

function showProblem(modal, text) {
  modal.querySelector('[data-problem-message]').textContent = text
  showState(modal, 'problem')
}

/** Fills the "ready" section from the new attempt: pay link, QR code and its expiry. */
function showReady(modal, attempt) {
  modal.querySelector('[data-pay-link]').href = attempt.checkoutUrl
  // The QR code's SVG is made by the server, not from user text.
  modal.querySelector('[data-qr]').innerHTML = attempt.qr.svg
  modal.querySelector('[data-qr-link]').href = attempt.qr.url
  const minutes = Math.max(1, Math.round((new Date(attempt.qr.expiresAt) - Date.now()) / 60000))
  modal.querySelector('[data-qr-expiry]').textContent = `${minutes} minutes`
  modal.querySelector('[data-payment-message]').textContent = attempt.payment.message
  showState(modal, 'ready')
}

/** Asks the server for a payment attempt; resolves with it, or null once a problem is shown. */
async function createAttempt(form, modal) {
  let response
  try {
    response = await postJson(form.action, { room_id: Number(form.dataset.roomId) })
  } catch {
    showProblem(modal, 'No connection. Check your internet and try again.')
    return null
  }
  const body = await response.json().catch(() => ({}))
  if (response.ok) return body
  if (body?.error?.code === 'E_ALREADY_UNLOCKED') window.location.reload()
  else showProblem(modal, body?.error?.message ?? 'Could not start the payment. Please try again.')
  return null
}

/** One payment attempt at a time: started, followed live (and by a slow poll), stopped. */
function paymentFlow(form, modal) {
  let stopListening = null
  let pollTimer = null
  let current = null

  async function stop() {
    clearInterval(pollTimer)
    pollTimer = null
    if (stopListening) await stopListening()
    stopListening = null
  }

  function applyPayment(payment) {
    if (!payment || !current || payment.transactionId !== current.payment.transactionId) return
    if (payment.state === 'unlocked' || payment.status === 'complete') {
      showState(modal, 'unlocked')
      stop()
    } else if (['failed', 'expired', 'revoked'].includes(payment.state)) {
      showProblem(modal, payment.message)
      stop()
    } else if (payment.message) {
      modal.querySelector('[data-payment-message]').textContent = payment.message
    }
  }

  async function refreshStatus() {
    if (!current) return
    const response = await getJson(current.statusUrl).catch(() => null)
    if (response?.ok) applyPayment((await response.json()).payment)
  }

  async function start() {
    await stop()
    showState(modal, 'loading')
    modal.showModal?.() ?? modal.setAttribute('open', '')
    const attempt = await createAttempt(form, modal)
    if (!attempt) return
    current = attempt
    showReady(modal, attempt)
    // Live updates; after a dropped stream, the status as it is now (an update sent
    // meanwhile never arrives); and a slow poll as a safety net.
    stopListening = await listen(
      attempt.channel,
      (message) => {
        if (message?.type === 'payment.status') refreshStatus()
      },
      { onReconnect: refreshStatus }
    ).catch(() => null)
    pollTimer = setInterval(refreshStatus, 15000)
  }

  return { start, stop, refreshStatus }
}
