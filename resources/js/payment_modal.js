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
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content
  let stopListening = null
  let pollTimer = null
  let current = null

  const show = (state) => {
    modal.querySelectorAll('[data-state]').forEach((section) => {
      section.hidden = section.dataset.state !== state
    })
  }
  const problem = (text) => {
    modal.querySelector('[data-problem-message]').textContent = text
    show('problem')
  }
  const stop = async () => {
    clearInterval(pollTimer)
    pollTimer = null
    if (stopListening) await stopListening()
    stopListening = null
  }

  const applyPayment = (payment) => {
    if (!payment || !current || payment.transactionId !== current.payment.transactionId) return
    if (payment.state === 'unlocked' || payment.status === 'complete') {
      show('unlocked')
      stop()
    } else if (['failed', 'expired', 'revoked'].includes(payment.state)) {
      problem(payment.message)
      stop()
    } else if (payment.message) {
      modal.querySelector('[data-payment-message]').textContent = payment.message
    }
  }

  const refreshStatus = async () => {
    if (!current) return
    const response = await fetch(current.statusUrl, {
      headers: { Accept: 'application/json' },
    }).catch(() => null)
    if (response?.ok) applyPayment((await response.json()).payment)
  }

  const start = async () => {
    await stop()
    show('loading')
    modal.showModal?.() ?? modal.setAttribute('open', '')
    let response
    try {
      response = await fetch(form.action, {
        method: 'POST',
        headers: {
          'Accept': 'application/json',
          'Content-Type': 'application/json',
          'X-CSRF-TOKEN': csrfToken,
        },
        body: JSON.stringify({ room_id: Number(form.dataset.roomId) }),
      })
    } catch {
      return problem('No connection. Check your internet and try again.')
    }
    const body = await response.json().catch(() => ({}))
    if (!response.ok) {
      if (body?.error?.code === 'E_ALREADY_UNLOCKED') return window.location.reload()
      return problem(body?.error?.message ?? 'Could not start the payment. Please try again.')
    }

    current = body
    modal.querySelector('[data-pay-link]').href = body.checkoutUrl
    modal.querySelector('[data-qr]').innerHTML = body.qr.svg
    modal.querySelector('[data-qr-link]').href = body.qr.url
    const minutes = Math.max(1, Math.round((new Date(body.qr.expiresAt) - Date.now()) / 60000))
    modal.querySelector('[data-qr-expiry]').textContent = `${minutes} minutes`
    modal.querySelector('[data-payment-message]').textContent = body.payment.message
    show('ready')

    // Live updates, with a slow poll as a safety net (and to catch up after a reconnect).
    stopListening = await listen(body.channel, (message) => {
      if (message?.type === 'payment.status') refreshStatus()
    }).catch(() => null)
    pollTimer = setInterval(refreshStatus, 15000)
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    start()
  })
  modal.querySelector('[data-modal-close]').addEventListener('click', () => modal.close())
  modal.addEventListener('close', () => stop())
  modal.querySelector('[data-retry]').addEventListener('click', () => start())
  modal
    .querySelector('[data-show-contact]')
    .addEventListener('click', () => window.location.reload())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refreshStatus()
  })
}
