import {
  escapeHtml as e,
  cityLabel,
  nepalDate,
  nepalDateTime,
  nepalDayTime,
  npr,
  typeLabel,
} from '#tests/bench/ceiling_format'

/**
 * The room page and the inbox, markup as pages/rooms/show.edge (with
 * unlock_card and owner_contact) and pages/chat/index.edge.
 */

const PHONE_ICON = `<svg class="h-5 w-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2"/></svg>`

/** A photo's responsive sources: the card-sized copy and the full one (#core/uploads/photo_storage). */
function srcset(fileName: string) {
  const card = fileName.replace(/\.webp$/, '.card.webp')
  return `/media/rooms/${e(card)} 640w, /media/rooms/${e(fileName)} 1600w`
}

function gallery(title: string, photos: string[]) {
  const main = photos.length
    ? `<img src="/media/rooms/${e(photos[0])}" srcset="${srcset(photos[0])}" sizes="(min-width: 1152px) 744px, (min-width: 1024px) calc(100vw - 408px), calc(100vw - 32px)" alt="Photo of ${e(title)}" decoding="async" class="h-full w-full object-cover" data-gallery-main>`
    : '<div class="grid h-full w-full place-items-center bg-slate-100" aria-label="No photo yet"></div>'
  const thumbs =
    photos.length > 1
      ? `<div class="flex gap-2 overflow-x-auto bg-white p-2">${photos
          .map(
            (photo, index) =>
              `<button type="button" class="h-16 w-20 shrink-0 overflow-hidden rounded-lg ring-brand-600 aria-[current=true]:ring-2" data-gallery-thumb="/media/rooms/${e(photo)}" data-gallery-srcset="${srcset(photo)}" ${index === 0 ? 'aria-current=true' : ''} aria-label="Show photo ${index + 1}">
                  <img src="/media/rooms/${e(photo.replace(/\.webp$/, '.card.webp'))}" alt="" loading="lazy" decoding="async" class="h-full w-full object-cover">
                </button>`
          )
          .join('\n')}</div>`
      : ''
  return `<div class="overflow-hidden rounded-2xl bg-slate-100" data-gallery>
          <div class="aspect-[4/3] sm:aspect-[16/10]">${main}</div>${thumbs}</div>`
}

function contactCard(room: any, unlock: any, csrfToken: string) {
  if (!unlock) return ''
  const call = unlock.conversation_id
    ? `<form method="POST" action="/calls">
        <input type="hidden" name="_csrf" value="${csrfToken}">
        <input type="hidden" name="conversation_id" value="${unlock.conversation_id}">
        <button type="submit" class="btn-secondary w-full" data-testid="video-call-from-room">Video call</button>
      </form>`
    : ''
  return `<div class="mt-4 space-y-4" data-testid="owner-contact">
  <div class="rounded-xl bg-emerald-50 p-4">
    <p class="text-xs font-semibold uppercase tracking-wide text-emerald-700">Unlocked</p>
    <p class="mt-1 font-semibold text-slate-900" data-testid="owner-full-name">${e(room.owner_name)}</p>
    <a href="tel:+977${e(room.owner_phone)}" class="mt-1 inline-flex items-center gap-2 text-lg font-bold text-emerald-800 hover:underline" data-testid="owner-phone">
      ${PHONE_ICON}
      ${e(room.owner_phone)}
    </a>
  </div>
  <div class="grid grid-cols-2 gap-2">
    <a href="/rooms/${room.id}/chat" class="btn-primary" data-testid="open-chat">Chat</a>
    ${call}
  </div>
    <details class="rounded-xl border border-slate-200 p-3 text-sm" data-testid="receipt">
      <summary class="cursor-pointer font-medium text-slate-700">Receipt</summary>
      <dl class="mt-2 space-y-1 text-slate-600">
        <div class="flex justify-between gap-2"><dt>Amount</dt><dd class="font-medium text-slate-900">${npr(unlock.amount)}</dd></div>
        <div class="flex justify-between gap-2"><dt>Paid</dt><dd>${unlock.paid_at ? nepalDateTime(unlock.paid_at) : ''} (Nepal time)</dd></div>
        <div class="flex justify-between gap-2"><dt>eSewa reference</dt><dd class="font-mono">${e(unlock.esewa_ref_id)}</dd></div>
        <div><dt>Transaction</dt><dd class="break-all font-mono text-xs">${e(unlock.transaction_id)}</dd></div>
      </dl>
    </details>
</div>`
}

/** The main part of GET /rooms/:id for a client who unlocked the room. */
export function roomMain(room: any, unlock: any, csrfToken: string) {
  const firstName = String(room.owner_name).split(' ')[0]
  const facts = (label: string, value: string) =>
    `<div><dt class="text-slate-500">${label}</dt><dd class="font-medium">${e(value)}</dd></div>`
  return `<div class="mx-auto max-w-6xl px-4 py-6">
    <a href="/" class="text-sm font-medium text-brand-700 hover:underline">← All rooms</a>
    <div class="mt-4 grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div class="space-y-6">
        ${gallery(room.title, room.photos)}
        <div>
          <div class="flex flex-wrap items-center gap-2 text-xs font-semibold">
            <span class="rounded-full bg-slate-100 px-2.5 py-1 text-slate-700">${e(typeLabel(room.room_type))}</span>
            <span class="rounded-full bg-slate-100 px-2.5 py-1 text-slate-700">${room.furnished ? 'Furnished' : 'Unfurnished'}</span>
            ${room.status === 'available' ? '' : '<span class="rounded-full bg-amber-100 px-2.5 py-1 text-amber-800">Rented</span>'}
          </div>
          <h1 class="mt-3 text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">${e(room.title)}</h1>
          <p class="mt-1 text-slate-600">${e(room.locality)}, ${e(cityLabel(room.city))}</p>
          <p class="mt-4 text-3xl font-bold text-slate-900" data-testid="rent">${npr(room.rent_npr)}<span class="text-base font-normal text-slate-500"> / month</span></p>
        </div>
        <section>
          <h2 class="text-lg font-semibold text-slate-900">About this room</h2>
          <div class="mt-2 whitespace-pre-line leading-relaxed text-slate-700">${e(room.description)}</div>
        </section>
        <dl class="grid grid-cols-2 gap-4 rounded-2xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4">
          ${facts('City', cityLabel(room.city))}${facts('Locality', room.locality)}${facts('Type', typeLabel(room.room_type))}${facts('Listed', nepalDate(room.created_at))}
        </dl>
      </div>
      <aside class="lg:sticky lg:top-20 lg:self-start">
        <div class="card p-5" data-testid="unlock-card">
          <div class="flex items-center gap-3">
            <span class="grid h-11 w-11 place-items-center rounded-full bg-brand-100 text-lg font-bold text-brand-700" aria-hidden="true">${e(firstName.charAt(0))}</span>
            <div><p class="text-sm text-slate-500">Listed by</p><p class="font-semibold text-slate-900" data-testid="owner-name">${e(firstName)}</p></div>
          </div>
          ${contactCard(room, unlock, csrfToken)}
        </div>
      </aside>
    </div>
  </div>`
}

function inboxEntry(entry: any, viewerId: number) {
  const photo = entry.room_photo
    ? `<img src="/media/rooms/${e(entry.room_photo)}" alt="" class="h-full w-full object-cover">`
    : ''
  const preview = entry.last_created_at
    ? (entry.last_sender_id === viewerId ? 'You: ' : '') + (entry.last_content || 'Photo')
    : 'No messages yet. Say namaste!'
  return `<li data-conversation-id="${entry.id}" data-testid="inbox-entry">
            <a href="/conversations/${entry.id}" class="card flex items-center gap-3 p-3 hover:border-brand-600">
              <div class="h-14 w-14 shrink-0 overflow-hidden rounded-lg bg-slate-100">${photo}</div>
              <div class="min-w-0 flex-1">
                <div class="flex items-baseline justify-between gap-2">
                  <p class="truncate font-semibold text-slate-900">${e(entry.client_name)}</p>
                  <p class="shrink-0 text-xs text-slate-500" data-inbox-time>${nepalDayTime(entry.last_created_at ?? entry.created_at)}</p>
                </div>
                <p class="truncate text-xs text-slate-500">${e(entry.room_title)}</p>
                <div class="flex items-center justify-between gap-2">
                  <p class="truncate text-sm text-slate-700" data-inbox-preview>${e(preview)}</p>
                  <span class="min-w-5 rounded-full bg-brand-600 px-1.5 text-center text-xs font-bold leading-5 text-white ${entry.unread ? '' : 'hidden'}" data-inbox-unread data-testid="inbox-unread">${entry.unread}</span>
                </div>
              </div>
            </a>
          </li>`
}

/** The main part of GET /conversations for an owner. */
export function inboxMain(entries: any[], viewerId: number) {
  const list = entries.length
    ? `<ul class="mt-6 space-y-2" data-inbox>${entries.map((entry) => inboxEntry(entry, viewerId)).join('\n')}</ul>`
    : '<div class="card mt-6 px-6 py-12 text-center text-slate-500" data-testid="inbox-empty">When a client unlocks one of your rooms, your conversation appears here.</div>'
  return `<div class="mx-auto max-w-3xl px-4 py-8">
    <h1 class="text-2xl font-bold text-slate-900">Messages</h1>
    <p class="mt-1 text-sm text-slate-600">Conversations with clients who unlocked your rooms.</p>
    ${list}
  </div>`
}
