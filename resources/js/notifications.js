import { listen } from './live.js'

/**
 * Live news on the user's private channel, shown as a small toast: an owner
 * sees a room of theirs being unlocked the moment eSewa confirms it.
 */
export function startUserNotifications(userId) {
  listen(`users/${userId}`, (message) => {
    if (message?.type === 'room.unlocked') {
      showToast(`${message.clientFirstName || 'A client'} unlocked “${message.roomTitle}” (${message.amount}).`)
    }
  }).catch(() => {})
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
