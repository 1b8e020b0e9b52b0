import { csrfToken, getJson, postJson } from '../lib/http.js'

/** POSTs one step of the call (`accept`, `signal`, `hangup`…) as JSON; resolves with the Response. */
export function postAction(call, action, body = {}) {
  return postJson(`/calls/${call.id}/${action}`, body, { keepalive: true })
}

/** Where the call stands on the server now; `fallback` when that cannot be read. */
export function currentStatus(call, fallback) {
  return getJson(`/calls/${call.id}/state`)
    .then((response) => response.json())
    .then((body) => body.data.status)
    .catch(() => fallback)
}

/** Hangs up as the tab closes: a beacon still leaves when fetch would be cut off. */
export function hangUpBeacon(call) {
  const form = new FormData()
  form.set('_csrf', csrfToken())
  navigator.sendBeacon(`/calls/${call.id}/hangup`, form)
}

/**
 * The other person's signals after `after` (the last signal id this page
 * saw), oldest first: what a page whose stream was down missed. Resolves
 * with { data, meta: { hasMore } }, or null when that cannot be read.
 */
export function signalsAfter(call, after) {
  return getJson(`/calls/${call.id}/signals?after=${after}`)
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null)
}
