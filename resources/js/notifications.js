import { getJson, postJson } from './lib/http.js'
import { listen } from './live.js'

/**
 * Live news on the user's private channel: the unread badge, the inbox,
 * and small toasts (an owner sees a room being unlocked the moment eSewa
 * confirms it; a new message shows its sender and a text preview).
 */
export function startUserNotifications(userId) {
  listen(
    `users/${userId}`,
    (event) => {
      switch (event?.type) {
        case 'room.unlocked':
          showToast(
            `${event.clientFirstName || 'A client'} unlocked “${event.roomTitle}” (${event.amount}).`
          )
          break
        case 'unread':
          updateBadge(event.total)
          updateInboxUnread(event.conversationId, event.conversationUnread)
          break
        case 'message.new':
          updateInboxPreview(event)
          if (!onConversation(event.conversationId))
            showToast(`${event.senderName}: ${event.preview}`)
          break
        case 'call.incoming':
          showIncomingCall(event)
          break
        case 'call.status':
          if (event.status !== 'ringing')
            document.querySelector(`[data-incoming-call="${event.callId}"]`)?.remove()
          break
        case 'conversation.new':
          if (document.querySelector('[data-inbox], [data-testid="inbox-empty"]'))
            window.location.reload()
          break
      }
    },
    { onReconnect: refreshUnread }
  ).catch(() => {})
}

/** After a dropped stream: the unread counts as they are now (updates sent meanwhile are lost). */
async function refreshUnread() {
  const response = await getJson('/api/unread-count').catch(() => null)
  if (!response?.ok) return
  const { data } = await response.json()
  updateBadge(data.total)
  for (const [conversationId, count] of Object.entries(data.conversations ?? {}))
    updateInboxUnread(Number(conversationId), count)
}

/**
 * The ringing banner on whatever page the person called has open.
 */
function showIncomingCall(event) {
  if (document.querySelector(`[data-incoming-call="${event.callId}"]`)) return
  if (Number(document.querySelector('[data-call]')?.dataset.callId) === event.callId) return
  const banner = document.createElement('div')
  banner.dataset.incomingCall = String(event.callId)
  banner.dataset.testid = 'incoming-call'
  banner.setAttribute('role', 'alertdialog')
  banner.className =
    'fixed inset-x-0 top-3 z-50 mx-auto flex w-[min(100%-1.5rem,28rem)] items-center gap-3 rounded-2xl bg-slate-900 p-4 text-white shadow-2xl'
  const text = document.createElement('div')
  text.className = 'min-w-0 flex-1'
  const title = document.createElement('p')
  title.className = 'font-semibold'
  title.textContent = `${event.callerName} is video calling`
  const room = document.createElement('p')
  room.className = 'truncate text-xs text-slate-300'
  room.textContent = event.roomTitle
  text.append(title, room)
  const accept = document.createElement('a')
  accept.href = event.url
  accept.className =
    'rounded-full bg-emerald-600 px-4 py-2 text-sm font-semibold hover:bg-emerald-700'
  accept.textContent = 'Accept'
  accept.dataset.testid = 'accept-call'
  const decline = document.createElement('button')
  decline.type = 'button'
  decline.className = 'rounded-full bg-red-600 px-4 py-2 text-sm font-semibold hover:bg-red-700'
  decline.textContent = 'Decline'
  decline.dataset.testid = 'decline-call'
  decline.addEventListener('click', () => {
    banner.remove()
    postJson(`/calls/${event.callId}/decline`).catch(() => {})
  })
  banner.append(text, accept, decline)
  document.body.append(banner)
}

function onConversation(conversationId) {
  return Number(document.querySelector('[data-chat]')?.dataset.conversationId) === conversationId
}

function updateBadge(total) {
  document.querySelectorAll('[data-unread-badge]').forEach((badge) => {
    badge.textContent = String(total)
    badge.classList.toggle('hidden', !total)
  })
}

function inboxEntry(conversationId) {
  return document.querySelector(`[data-inbox] [data-conversation-id="${conversationId}"]`)
}

function updateInboxUnread(conversationId, count) {
  const badge = inboxEntry(conversationId)?.querySelector('[data-inbox-unread]')
  if (!badge) return
  badge.textContent = String(count)
  badge.classList.toggle('hidden', !count)
}

function updateInboxPreview(event) {
  const entry = inboxEntry(event.conversationId)
  if (!entry) return
  entry.querySelector('[data-inbox-preview]').textContent = event.preview
  entry.querySelector('[data-inbox-time]').textContent = new Date(event.at).toLocaleString(
    'en-GB',
    {
      timeZone: 'Asia/Kathmandu',
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
    }
  )
  // Newest conversation first.
  entry.parentElement.prepend(entry)
}

function showToast(text) {
  const region = document.getElementById('toasts')
  if (!region) return
  const toast = document.createElement('div')
  toast.className =
    'pointer-events-auto rounded-xl bg-slate-900 px-4 py-3 text-sm text-white shadow-lg'
  toast.dataset.testid = 'toast'
  toast.textContent = text
  region.append(toast)
  setTimeout(() => toast.remove(), 10000)
}
