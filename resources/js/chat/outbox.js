import { postForm } from '../lib/http.js'
import { backoffDelay } from '../lib/backoff.js'

/** Tries of one send before its bubble says "Not sent" (about half a minute of back-off). */
export const SEND_ATTEMPTS = 6

/** Statuses worth sending again: the request may not have arrived, or the server was busy. */
const retryable = (status) => status === 408 || status === 429 || status >= 500

/** The server's refusal as one sentence: the first field message, else its message. */
function refusalOf(body) {
  const fields = body?.error?.fields ?? {}
  const first = Object.values(fields).flat()[0]
  return first ?? body?.error?.message ?? 'Could not send. Try again.'
}

/** A draft as the send endpoint expects it, with its idempotency key. */
function formDataOf(conversationId, draft) {
  const data = new FormData()
  data.set('conversation_id', String(conversationId))
  data.set('client_key', draft.key)
  if (draft.content.trim()) data.set('content', draft.content)
  if (draft.file) data.set('image', draft.file)
  return data
}

/**
 * One POST of a draft: `{ message }` when stored (or found stored: the same
 * key answers with the first copy), `{ refusal }` when the server says no,
 * `{ retry: true }` when no answer came (network) or the server was busy.
 */
async function postDraft(conversationId, draft) {
  let response
  try {
    response = await postForm('/api/messages/send', formDataOf(conversationId, draft))
  } catch {
    return { retry: true }
  }
  const body = await response.json().catch(() => null)
  if (response.ok && body?.data) return { message: body.data }
  if (retryable(response.status) || (response.ok && !body)) return { retry: true }
  return { refusal: refusalOf(body) }
}

/** A wait that `wake()` cuts short (the browser back online, the live connection back). */
function wakeablePause() {
  let current = null
  return {
    pause: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(done, ms)
        function done() {
          clearTimeout(timer)
          current = null
          resolve()
        }
        current = done
      }),
    wake: () => current?.(),
  }
}

/**
 * The page's own sends, in the order they were written, one at a time
 * (so the server stores them in that order). A send whose answer is lost
 * is sent again with the same key, after a back-off (at once when the
 * browser comes back online); after SEND_ATTEMPTS its bubble says "Not
 * sent" with a Retry. A refusal removes the bubble and `onRefused` shows why.
 */
export function createOutbox(chat, thread, onRefused) {
  const drafts = []
  let draining = false
  const { pause, wake } = wakeablePause()

  async function deliver(draft) {
    for (let attempt = 0; attempt < SEND_ATTEMPTS; attempt++) {
      // The stored copy may have come by the stream or a catch-up already.
      if (!thread.isPending(draft.key)) return 'sent'
      const result = await postDraft(chat.conversationId, draft)
      if (result.message) {
        thread.add([result.message], 'sent')
        return 'sent'
      }
      if (result.refusal) {
        thread.dropPending(draft.key)
        onRefused(draft, result.refusal)
        return 'refused'
      }
      thread.showPending(draft.key, 'retrying')
      await pause(navigator.onLine === false ? 60_000 : backoffDelay(attempt, { baseMs: 1000 }))
    }
    return thread.isPending(draft.key) ? 'failed' : 'sent'
  }

  async function drain() {
    if (draining) return
    draining = true
    try {
      let draft
      while ((draft = drafts.find((candidate) => candidate.state === 'queued'))) {
        const outcome = await deliver(draft)
        if (outcome !== 'failed') drafts.splice(drafts.indexOf(draft), 1)
        else {
          draft.state = 'failed'
          thread.showPending(draft.key, 'failed', () => retry(draft))
        }
      }
    } finally {
      draining = false
    }
  }

  function retry(draft) {
    draft.state = 'queued'
    thread.showPending(draft.key, 'sending')
    drain()
  }

  window.addEventListener('online', () => {
    wake()
    drafts.filter((draft) => draft.state === 'failed').forEach(retry)
  })

  return {
    /** Queues a draft ({ key, content, file }) whose bubble is already shown. */
    send(draft) {
      drafts.push({ ...draft, state: 'queued' })
      drain()
    },
    /** A Retry pressed, or a reason to try at once (the live connection is back). */
    nudge: wake,
  }
}
