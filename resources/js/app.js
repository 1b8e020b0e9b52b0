/**
 * Small progressive enhancements; every page works without them.
 */

// Ask before destructive actions (forms with data-confirm).
document.addEventListener('submit', (event) => {
  const form = event.target
  if (
    form instanceof HTMLFormElement &&
    form.dataset.confirm &&
    !window.confirm(form.dataset.confirm)
  ) {
    event.preventDefault()
  }
})

// Show a busy state on submit, and refuse a second submit of the same form
// (a slow upload or payment must not be sent twice). The button stays
// enabled so its name and value are still sent.
document.addEventListener('submit', (event) => {
  const form = event.target
  if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return
  if (form.dataset.submitting) {
    event.preventDefault()
    return
  }
  form.dataset.submitting = 'true'
  const button = event.submitter
  if (button?.dataset.busyLabel) {
    button.textContent = button.dataset.busyLabel
    button.setAttribute('aria-busy', 'true')
  }
})
window.addEventListener('pageshow', () => {
  document
    .querySelectorAll('form[data-submitting]')
    .forEach((form) => delete form.dataset.submitting)
})

// Room page gallery: clicking a thumbnail shows it as the main photo.
document.querySelectorAll('[data-gallery]').forEach((gallery) => {
  const main = gallery.querySelector('[data-gallery-main]')
  gallery.querySelectorAll('[data-gallery-thumb]').forEach((thumb) => {
    thumb.addEventListener('click', () => {
      main.src = thumb.dataset.galleryThumb
      // The main image has a srcset, which the browser prefers to src.
      main.srcset = thumb.dataset.gallerySrcset ?? ''
      gallery
        .querySelectorAll('[data-gallery-thumb]')
        .forEach((other) => other.removeAttribute('aria-current'))
      thumb.setAttribute('aria-current', 'true')
    })
  })
})

// Photo inputs: list the chosen files so people see what will upload.
document.querySelectorAll('input[type=file][data-preview]').forEach((input) => {
  const list = document.getElementById(input.dataset.preview)
  input.addEventListener('change', () => {
    list.replaceChildren(
      ...[...input.files].map((file) => {
        const item = document.createElement('li')
        item.textContent = `${file.name} (${Math.ceil(file.size / 1024)} KB)`
        return item
      })
    )
  })
})

// Live features load only where they are used.
const unlockForm = document.querySelector('[data-unlock-form]')
if (unlockForm) {
  import('./payment_modal.js').then(({ setUpPaymentModal }) => setUpPaymentModal(unlockForm))
}
const chat = document.querySelector('[data-chat]')
if (chat) {
  import('./chat/index.js').then(({ setUpChat }) => setUpChat(chat))
}
const call = document.querySelector('[data-call]')
if (call) {
  import('./call/index.js').then(({ setUpCall }) => setUpCall(call))
}
const pushControl = document.querySelector('[data-push-control]')
if (pushControl || document.querySelector('form[data-logout-form]')) {
  import('./push.js').then(({ setUpPushControl, attachPushEndpointToLogout }) => {
    if (pushControl) setUpPushControl(pushControl)
    attachPushEndpointToLogout()
  })
}
const userId = document.querySelector('meta[name="user-id"]')?.content
if (userId) {
  import('./notifications.js').then(({ startUserNotifications }) => startUserNotifications(userId))
}
