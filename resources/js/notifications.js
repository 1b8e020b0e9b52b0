import { listen } from './live.js'

/**
 * Live news on the user's private channel: the unread badge, the inbox,
 * and small toasts (an owner sees a room being unlocked the moment eSewa
 * confirms it; a new message shows its sender and a text preview).
 */
export function startUserNotifications(userId) {
  listen(`users/${userId}`, (event) => {
    switch (event?.type) {
      case 'room.unlocked':
        showToast(`${event.clientFirstName || 'A client'} unlocked “${event.roomTitle}” (${event.amount}).`)
        break
      case 'unread':
        updateBadge(event.total)
        updateInboxUnread(event.conversationId, event.conversationUnread)
        break
      case 'message.new':
        updateInboxPreview(event)
        if (!onConversation(event.conversationId)) showToast(`${event.senderName}: ${event.preview}`)
        break
      case 'conversation.new':
        if (document.querySelector('[data-inbox], [data-testid="inbox-empty"]')) window.location.reload()
        break
    }
  }).catch(() => {})
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
  entry.querySelector('[data-inbox-time]').textContent = new Date(event.at).toLocaleString('en-GB', {
    timeZone: 'Asia/Kathmandu',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
  })
  // Newest conversation first.
  entry.parentElement.prepend(entry)
}

function showToast(text) {
  const region = document.getElementById('toasts')
  if (!region) return
  const toast = document.createElement('div')
  toast.className = 'pointer-events-auto rounded-xl bg-slate-900 px-4 py-3 text-sm text-white shadow-lg'
  toast.dataset.testid = 'toast'
  toast.textContent = text
  region.append(toast)
  setTimeout(() => toast.remove(), 10000)
}
