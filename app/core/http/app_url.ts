import { isIP } from 'node:net'

/**
 * APP_URL, the public URL absolute links are built on (eSewa's success and
 * failure URLs, the QR code's scan-to-pay link, push notification links).
 *
 * Unset, it follows the address the server listens on: `http://<HOST>:<PORT>`,
 * so changing PORT alone moves the links with it. Set, it wins (behind a
 * proxy the public URL and the listening address differ, legitimately), and
 * the web server warns at boot when a *local* APP_URL cannot reach it
 * (`appUrlMismatch`, providers/app_url_provider.ts).
 */

/** The URL a browser on this machine reaches `host`:`port` at. */
export function appUrlFor(host: string | undefined, port: string | number | undefined) {
  return `http://${urlHost(host)}:${port || 3333}`
}

/**
 * The value start/env.ts validates APP_URL to: the one given (a URL), else
 * derived from HOST and PORT, except in production, where links must point
 * at the public address and only the operator knows it.
 */
export function resolveAppUrl(
  value: string | undefined,
  settings: { host?: string; port?: string; production: boolean }
): string {
  if (value) {
    let url: URL | null = null
    try {
      url = new URL(value)
    } catch {}
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      throw new Error('Value for environment variable "APP_URL" must be an http(s) URL')
    }
    return value
  }
  if (settings.production) {
    throw new Error(
      'Missing environment variable "APP_URL": in production set the public URL payers and phones reach the app at (https://…)'
    )
  }
  return appUrlFor(settings.host, settings.port)
}

/**
 * Why a local APP_URL (localhost, a loopback or unspecified address, or
 * HOST itself) misses the server listening on `listening`, or null. Any
 * other host is taken for a public name in front of a proxy and left alone.
 */
export function appUrlMismatch(
  appUrl: string,
  listening: { host?: string; port: number }
): string | null {
  const url = new URL(appUrl)
  const urlHostname = bare(url.hostname).toLowerCase()
  const listenHost = bare(listening.host ?? '').toLowerCase()
  if (!isLocal(urlHostname) && urlHostname !== listenHost) return null

  const urlPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  if (urlPort !== listening.port) {
    return `APP_URL (${appUrl}) points at port ${urlPort}, but the server listens on port ${listening.port}`
  }
  if (url.protocol === 'https:') {
    return `APP_URL (${appUrl}) is https, but the server on port ${listening.port} speaks plain http`
  }
  if (isLoopback(urlHostname) && listenHost && !isLocal(listenHost)) {
    return `APP_URL (${appUrl}) is a loopback address, but the server listens on ${listening.host} only`
  }
  return null
}

/** How HOST appears in a URL: unspecified addresses become localhost, IPv6 gets brackets. */
function urlHost(host: string | undefined) {
  const value = bare(host ?? '')
  if (!value || isUnspecified(value)) return 'localhost'
  return isIP(value) === 6 ? `[${value}]` : value
}

function bare(host: string) {
  return host.replace(/^\[|\]$/g, '')
}

function isUnspecified(host: string) {
  return host === '0.0.0.0' || host === '::' || /^(0+:){7}0+$/.test(host)
}

function isLoopback(host: string) {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    (isIP(host) === 4 && host.startsWith('127.'))
  )
}

function isLocal(host: string) {
  return isLoopback(host) || isUnspecified(host)
}
