import { escapeHtml as e, npr } from '#tests/bench/ceiling_format'

/**
 * The ceiling's page frame, markup as Kotha's (components/layouts/app.edge,
 * site_nav.edge, site_footer.edge) so a page weighs about the same: head,
 * navigation with the unread badge, main, footer.
 */
export type Viewer = { id: number; fullName: string; role: 'client' | 'owner'; unreadTotal: number }

export type Frame = { title: string; viewer: Viewer; csrfToken: string; nonce: string }

const UNLOCK_PRICE = 30

const NAV_LINK =
  'whitespace-nowrap rounded-lg px-2 py-2 font-medium text-slate-700 hover:bg-slate-100 sm:px-3'

function navigation({ viewer, csrfToken }: Frame) {
  const home =
    viewer.role === 'owner'
      ? `<a href="/owner/rooms" class="${NAV_LINK}">My rooms</a>
          <a href="/owner/rooms/new" class="hidden ${NAV_LINK} sm:inline-block">List a room</a>`
      : `<a href="/me" class="${NAV_LINK}">My rooms</a>`
  return `<header class="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
  <nav class="mx-auto flex h-16 max-w-6xl items-center gap-2 px-3 sm:gap-3 sm:px-4" aria-label="Main">
    <a href="/" class="flex items-center gap-2 text-lg font-bold text-slate-900">
      <span class="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 text-white" aria-hidden="true">
        <svg viewBox="0 0 24 24" class="h-5 w-5" fill="currentColor"><path d="M12 3 3 10.5V21h6v-6h6v6h6V10.5z"/></svg>
      </span>
      Kotha
    </a>
    <div class="ml-auto flex items-center gap-1 text-sm sm:gap-2">
          ${home}
        <a href="/conversations" class="relative ${NAV_LINK}" aria-label="Messages">
          Messages
          <span class="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-brand-600 px-1.5 text-center text-xs font-bold leading-5 text-white ${viewer.unreadTotal ? '' : 'hidden'}" data-unread-badge data-testid="unread-badge">${viewer.unreadTotal}</span>
        </a>
        <span class="hidden text-slate-500 md:inline" data-testid="nav-user">${e(viewer.fullName.split(' ')[0])}</span>
        <form method="POST" action="/logout" data-logout-form>
          <input type="hidden" name="_csrf" value="${csrfToken}">
          <button type="submit" class="${NAV_LINK}">Log out</button>
        </form>
    </div>
  </nav>
</header>`
}

/** A whole page around `main`. */
export function page(frame: Frame, main: string) {
  return `<!DOCTYPE html>
<html lang="en" class="h-full bg-slate-50">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="theme-color" content="#c2183a">
  <meta name="csrf-token" content="${frame.csrfToken}">
  <meta name="user-id" content="${frame.viewer.id}">
  <title>${e(frame.title)} · Kotha</title>
  <link rel="icon" href="/favicon.ico" sizes="32x32">
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <meta property="csp-nonce" nonce="${frame.nonce}"><link rel="preload" as="style" href="/assets/app-BenchC1l.css"/>
  <link rel="modulepreload" href="/assets/app-BenchJs1.js"/>
  <link rel="stylesheet" href="/assets/app-BenchC1l.css"/>
  <script type="module" src="/assets/app-BenchJs1.js"></script>
</head>
<body class="flex min-h-full flex-col font-sans text-slate-800 antialiased">
  ${navigation(frame)}
  <main id="main" class="flex-1">
    ${main}
  </main>
  <footer class="mt-16 border-t border-slate-200 bg-white">
  <div class="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-slate-500 sm:flex-row sm:justify-between">
    <p>Kotha · rooms in Kathmandu, Lalitpur, Bhaktapur and Pokhara</p>
    <p>Owner contact, chat and video call: ${npr(UNLOCK_PRICE)} per room, paid with eSewa</p>
  </div>
</footer>
  <div id="toasts" class="pointer-events-none fixed inset-x-0 bottom-4 z-50 mx-auto flex max-w-md flex-col gap-2 px-4" aria-live="polite"></div>
</body>
</html>`
}

export const unlockPrice = npr(UNLOCK_PRICE)
