import { getJson } from '../lib/http.js'

/**
 * Messages the page does not hold yet: older pages on demand, and a
 * catch-up after a dropped connection by the last message id this page
 * has (`after=<id>`), so nothing is lost or doubled.
 */
export function createHistory(chat, thread) {
  const pageUrl = (query) => `/api/messages?conversation_id=${chat.conversationId}&${query}`

  /** Fetches everything after the last message this page has (at most 20 pages). */
  async function catchUp() {
    let after = thread.lastId()
    for (let page = 0; page < 20; page++) {
      const response = await getJson(pageUrl(`after=${after}`)).catch(() => null)
      if (!response?.ok) return
      const body = await response.json()
      thread.add(body.data)
      if (!body.meta.hasMore || !body.data.length) return
      after = body.data.at(-1).id
    }
  }

  /** Loads the page before the oldest message shown; the button goes once none is left. */
  async function loadOlder(button) {
    const before = Math.min(...thread.ids())
    button.disabled = true
    const response = await getJson(pageUrl(`before=${before}`)).catch(() => null)
    if (!response?.ok) {
      button.disabled = false
      return
    }
    const body = await response.json()
    thread.insertOlder(body.data, button.parentElement.nextSibling)
    if (!body.meta.hasMore) button.parentElement.remove()
    else button.disabled = false
  }

  return { catchUp, loadOlder }
}
