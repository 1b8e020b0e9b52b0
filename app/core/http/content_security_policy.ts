/**
 * Pieces of the Content-Security-Policy (config/shield.ts) that depend on
 * configuration or on the request.
 */

/**
 * The origins forms may post to besides 'self': eSewa's form endpoints
 * (v2 and v1) of the configured mode, or of their ESEWA_*_URL overrides.
 * In sandbox mode that is APP_URL's origin, which may differ from the
 * origin the page was opened on (localhost vs 127.0.0.1).
 */
export function formActionSources(formUrls: string[]): string[] {
  const origins = new Set<string>()
  for (const value of formUrls) {
    try {
      const url = new URL(value)
      if (url.protocol === 'https:' || url.protocol === 'http:') origins.add(url.origin)
    } catch {}
  }
  return [...origins]
}

/** What the CSP needs of a Vite dev server's settings (`ViteDevServer['config']`). */
type ViteDevSettings = {
  config: {
    server: {
      ws?: false | { host?: string; port?: number; clientPort?: number; server?: unknown }
    }
  }
}

/**
 * The Vite dev server's HMR WebSocket, for connect-src, while a dev server
 * runs inside the app (`node ace serve` and the test server; never a
 * production build): its own port (24678 unless configured) on the host the
 * page was opened on, which is how Vite's client picks it. '' otherwise.
 */
export function viteHmrSources(devServer: ViteDevSettings | undefined, hostHeader?: string) {
  const ws = devServer?.config.server.ws
  if (!devServer || ws === false) return ''
  const options = ws ?? {}
  const host = options.host || hostnameOf(hostHeader)
  const port = options.clientPort || options.port || (options.server ? null : 24678)
  if (!port) return ''
  return `ws://${host}:${port} wss://${host}:${port}`
}

/** The hostname part of a Host header ("localhost:3333", "[::1]:3333"), for a CSP host-source. */
function hostnameOf(hostHeader: string | undefined) {
  try {
    const { hostname } = new URL(`http://${hostHeader ?? ''}`)
    return /^([a-z0-9.-]+|\[[0-9a-f:.]+\])$/i.test(hostname) ? hostname : 'localhost'
  } catch {
    return 'localhost'
  }
}
