import type { ListedRoom } from '#tests/bench/ceiling_sql'
import { PAGE_SIZE } from '#tests/bench/ceiling_sql'
import {
  escapeHtml as e,
  cityLabel,
  nepalDate,
  npr,
  roomCityLabels,
  roomTypeLabels,
  typeLabel,
} from '#tests/bench/ceiling_format'
import { unlockPrice } from '#tests/bench/ceiling_layout'
import { LOCALITIES } from '#dev/demo/demo_data'

/**
 * The listing page's main part, markup as pages/rooms/index.edge and
 * components/room_card.edge: the search form, the count, the room cards
 * and the page links.
 */

const PLACEHOLDER = `<div class="grid h-full w-full place-items-center bg-gradient-to-br from-slate-100 to-slate-200 text-slate-400" aria-label="No photo yet">
  <svg viewBox="0 0 24 24" class="h-12 w-12" fill="none" stroke="currentColor" stroke-width="1.5" aria-hidden="true"><path d="M3 10.5 12 3l9 7.5V21H3z"/><path d="M9 21v-6h6v6"/></svg>
</div>`

const PIN = `<svg class="h-4 w-4 shrink-0" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true"><path fill-rule="evenodd" d="M10 18s6-5.1 6-10a6 6 0 1 0-12 0c0 4.9 6 10 6 10zm0-8a2 2 0 1 0 0-4 2 2 0 0 0 0 4z" clip-rule="evenodd"/></svg>`

function roomCard(room: ListedRoom) {
  const photo = room.first_photo
    ? `<img src="/media/rooms/${e(room.first_photo)}" alt="Photo of ${e(room.title)}" loading="lazy" class="h-full w-full object-cover">`
    : PLACEHOLDER
  const count =
    room.photo_count > 1
      ? `<span class="absolute bottom-3 right-3 rounded-full bg-slate-900/70 px-2 py-0.5 text-xs text-white">${room.photo_count} photos</span>`
      : ''
  return `<article class="card group overflow-hidden transition hover:shadow-md" data-testid="room-card">
  <a href="/rooms/${room.id}" class="block">
    <div class="relative aspect-[4/3] bg-slate-100">
        ${photo}
      <span class="absolute left-3 top-3 rounded-full bg-white/95 px-2.5 py-1 text-xs font-semibold text-slate-700 shadow-sm">${e(typeLabel(room.room_type))}</span>
        ${count}
    </div>
    <div class="space-y-1 p-4">
      <p class="text-lg font-bold text-slate-900">${npr(room.rent_npr)}<span class="text-sm font-normal text-slate-500"> / month</span></p>
      <h3 class="line-clamp-1 font-semibold text-slate-800 group-hover:text-brand-700">${e(room.title)}</h3>
      <p class="flex items-center gap-1 text-sm text-slate-500">
        ${PIN}
        ${e(room.locality)}, ${e(cityLabel(room.city))}
      </p>
      <p class="text-xs text-slate-400">${room.furnished ? 'Furnished' : 'Unfurnished'} · listed ${nepalDate(room.created_at)}</p>
    </div>
  </a>
</article>`
}

/**
 * The locality suggestions: Kotha lists the localities that have rooms;
 * the ceiling's one statement per page leaves that out, and shows the
 * data set's localities (a fixed list) so the page weighs the same.
 */
const LOCALITY_LIST = `<datalist id="localities">
                ${Object.values(LOCALITIES)
                  .flat()
                  .sort()
                  .map((locality) => `<option value="${e(locality)}"></option>`)
                  .join('\n                  ')}
              </datalist>`

function options(labels: Record<string, string>) {
  return Object.entries(labels)
    .map(([value, label]) => `<option value="${value}" >${e(label)}</option>`)
    .join('\n                  ')
}

function searchForm(q: string | null) {
  const field = (id: string, label: string, input: string) =>
    `<div>
              <label for="${id}" class="label">${label}</label>
              ${input}
            </div>`
  return `<form method="GET" action="/" class="mt-6" role="search" data-testid="search-form">
        <div class="flex gap-2">
          <label for="search-q" class="sr-only">Search rooms</label>
          <input id="search-q" name="q" type="search" value="${e(q ?? '')}" maxlength="100"
            placeholder="Search: Baneshwor, near college, lake view…" class="input flex-1 py-3 text-base">
          <button type="submit" class="btn-primary px-5">Search</button>
        </div>
        <details class="mt-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" >
          <summary class="cursor-pointer select-none text-sm font-semibold text-slate-700">Filters and sort</summary>
          <div class="mt-4 grid grid-cols-2 gap-3 md:grid-cols-4">
            ${field('filter-city', 'City', `<select id="filter-city" name="city" class="input"><option value="">All cities</option>${options(roomCityLabels)}</select>`)}
            ${field('filter-locality', 'Locality', `<input id="filter-locality" name="locality" list="localities" value="" class="input" placeholder="Any">${LOCALITY_LIST}`)}
            ${field('filter-min', 'Min rent (Rs.)', `<input id="filter-min" name="minRent" type="number" inputmode="numeric" min="0" step="500" value="" class="input" placeholder="4,000">`)}
            ${field('filter-max', 'Max rent (Rs.)', `<input id="filter-max" name="maxRent" type="number" inputmode="numeric" min="0" step="500" value="" class="input" placeholder="40,000">`)}
            ${field('filter-type', 'Room type', `<select id="filter-type" name="roomType" class="input"><option value="">Any type</option>${options(roomTypeLabels)}</select>`)}
            ${field('filter-furnished', 'Furnishing', `<select id="filter-furnished" name="furnished" class="input"><option value="">Any</option><option value="yes">Furnished</option><option value="no">Unfurnished</option></select>`)}
            ${field('filter-sort', 'Sort by', `<select id="filter-sort" name="sort" class="input">${q ? '<option value="relevance" selected>Best match</option>' : ''}<option value="newest" ${q ? '' : 'selected'}>Newest first</option><option value="rent_asc">Rent: low to high</option><option value="rent_desc">Rent: high to low</option></select>`)}
            <div class="flex items-end gap-2">
              <button type="submit" class="btn-primary flex-1">Apply</button>
              <a href="/" class="btn-secondary">Clear</a>
            </div>
          </div>
        </details>
      </form>`
}

function pageLinks(page: number, total: number, q: string | null) {
  const last = Math.max(1, Math.ceil(total / PAGE_SIZE))
  if (last <= 1) return ''
  const link = (to: number) => `/?${q ? `q=${encodeURIComponent(q)}&` : ''}page=${to}`
  const previous =
    page > 1
      ? `<a href="${link(page - 1)}" class="btn-secondary" rel="prev">← Previous</a>`
      : '<span></span>'
  const next =
    page < last
      ? `<a href="${link(page + 1)}" class="btn-secondary" rel="next">Next →</a>`
      : '<span></span>'
  return `<nav class="mt-8 flex items-center justify-between gap-2" aria-label="Pages">
      ${previous}
    <p class="text-sm text-slate-500">Page ${page} of ${last}</p>
      ${next}
  </nav>`
}

/** The main part of GET / (and of a search). */
export function listingMain(rooms: ListedRoom[], page: number, q: string | null) {
  const total = rooms[0]?.total ?? 0
  const matching = q ? ` matching “${e(q)}”` : ' available'
  return `<section class="bg-gradient-to-b from-brand-50 to-slate-50">
    <div class="mx-auto max-w-6xl px-4 pb-4 pt-8 sm:pt-12">
      <h1 class="text-2xl font-bold tracking-tight text-slate-900 sm:text-4xl">Find a room in Nepal</h1>
      <p class="mt-2 max-w-2xl text-slate-600">Rooms and flats in Kathmandu, Lalitpur, Bhaktapur and Pokhara, listed by their owners. Unlock an owner's number, chat and video tour for ${unlockPrice}.</p>
      ${searchForm(q)}
    </div>
  </section>
  <section class="mx-auto max-w-6xl px-4 py-6">
    <p class="mb-4 text-sm text-slate-600" data-testid="result-count">
      ${total === 1 ? '1 room' : `${total} rooms`}${matching}
    </p>
      <div class="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
          ${rooms.map(roomCard).join('\n          ')}
      </div>
      ${pageLinks(page, total, q)}
  </section>`
}
