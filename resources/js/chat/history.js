import { getJson } from '../lib/http.js'

/** Most pages one catch-up reads (30 messages a page) before leaving the rest to the next one. */
const MAX_CATCH_UP_PAGES = 20

/**
 * Messages the page does not hold yet: older pages on demand, and a
 * catch-up after a dropped connection from the timeline's cursor (the last
 * id received by stream or history, never one of the page's own sends),
 * so nothing is skipped; the thread shows each id once, in id order.
 */
export function createHistory(chat, timeline, thread, onCaughtUp) {
  const pageUrl = (query) => `/api/messages?conversation_id=${chat.conversationId}&${query}`
  let running = null
  let again = false

  /** Reads every page after the cursor; closes the gap once the end is reached. */
  async function readMissed() {
    const epoch = timeline.gapEpoch()
    let after = timeline.cursor()
    for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
      const response = await getJson(pageUrl(`after=${after}`)).catch(() => null)
      if (!response?.ok) return
      const body = await response.json()
      thread.add(body.data, 'history')
      if (!body.meta.hasMore || !body.data.length) {
        if (timeline.closeGap(epoch)) onCaughtUp()
        return
      }
      after = body.data.at(-1).id
    }
  }

  /** Fetches what the page missed; one at a time, again if asked meanwhile. */
  async function catchUp() {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        await readMissed()
      } while (again)
    })()
    try {
      await running
    } finally {
      running = null
    }
  }

  /** Loads the page before the oldest message shown; the button goes once none is left. */
  async function loadOlder(button) {
    const before = thread.oldestId()
    button.disabled = true
    const response = await getJson(pageUrl(`before=${before}`)).catch(() => null)
    if (!response?.ok) {
      button.disabled = false
      return
    }
    const body = await response.json()
    thread.insertOlder(body.data)
    if (!body.meta.hasMore) button.parentElement.remove()
    else button.disabled = false
  }

  return { catchUp, loadOlder }
}
