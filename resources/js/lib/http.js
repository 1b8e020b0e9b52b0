/**
 * The one place that reads the page's CSRF token and builds the options of
 * a fetch to the app: JSON answers, the token on every request.
 */

/** The CSRF token the layout puts in `<meta name="csrf-token">`. */
export function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.content ?? ''
}

/** Headers for a request to the app; `jsonBody` adds the JSON Content-Type. */
export function appHeaders(jsonBody = false) {
  return {
    'Accept': 'application/json',
    ...(jsonBody ? { 'Content-Type': 'application/json' } : {}),
    'X-CSRF-TOKEN': csrfToken(),
  }
}

/** A GET that asks for JSON; resolves with the Response. */
export function getJson(url) {
  return fetch(url, { headers: appHeaders() })
}

/** Sends `body` (if any) as JSON with `method`; resolves with the Response. */
export function sendJson(method, url, body, options = {}) {
  const hasBody = body !== undefined
  return fetch(url, {
    method,
    headers: appHeaders(hasBody),
    body: hasBody ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
    ...options,
  })
}

/** POSTs `body` as JSON; resolves with the Response. */
export function postJson(url, body, options) {
  return sendJson('POST', url, body, options)
}

/** POSTs a FormData (a file upload) asking for JSON; resolves with the Response. */
export function postForm(url, data) {
  return fetch(url, { method: 'POST', headers: appHeaders(), body: data })
}
