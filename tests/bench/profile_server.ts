import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { HttpSession } from '#tests/helpers/sse_client'
import { ProductionServer, type ServerSettings } from '#tests/helpers/production_server'

/**
 * A CPU profile of Kotha's production server under one endpoint's load:
 * the server runs with `--cpu-prof`, autocannon drives it, and the
 * hottest functions (self time) are printed; the .cpuprofile file stays
 * for Chrome DevTools or speedscope.
 */
export async function profileEndpoint(
  settings: ServerSettings,
  request: { method: 'GET' | 'POST'; path: string; body?: string },
  login: { email: string; password: string },
  seconds: number,
  profileDir: string
) {
  await mkdir(profileDir, { recursive: true })
  const server = new ProductionServer({
    ...settings,
    env: { ...settings.env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` },
  })
  await server.start(60_000)
  try {
    const session = await HttpSession.loggedInAs(login.email, login.password, server.baseUrl)
    await autocannon({
      url: `${server.baseUrl}${request.path}`,
      method: request.method,
      body: request.body,
      connections: 32,
      duration: seconds,
      headers: {
        'cookie': session.cookieHeader,
        'x-xsrf-token': session.xsrfToken,
        'content-type': 'application/json',
        'accept': 'application/json, text/html',
        'accept-encoding': 'gzip',
      },
    })
  } finally {
    await server.stop('SIGTERM')
  }
  const newest = (await readdir(profileDir)).filter((name) => name.endsWith('.cpuprofile')).sort()
  return join(profileDir, newest.at(-1)!)
}

type ProfileNode = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

/** The functions with the most self time in a .cpuprofile, as [share, name] lines. */
export async function hottestFunctions(path: string, count = 30) {
  const profile = JSON.parse(await readFile(path, 'utf8')) as {
    nodes: ProfileNode[]
    samples: number[]
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfSamples = new Map<string, number>()
  for (const id of profile.samples) {
    const { callFrame } = byId.get(id)!
    const where = callFrame.url
      .replace(/^.*node_modules\//, '')
      .replace(/^file:\/\/.*\/build\//, '')
    const name = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`
    selfSamples.set(name, (selfSamples.get(name) ?? 0) + 1)
  }
  const total = profile.samples.length
  return [...selfSamples.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, samples]) => `${((samples / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
}

/** Self time per package (or node internals, or the app's own files), as [share, package] lines. */
export async function timeByPackage(path: string, count = 25) {
  const profile = JSON.parse(await readFile(path, 'utf8')) as {
    nodes: ProfileNode[]
    samples: number[]
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const shares = new Map<string, number>()
  for (const id of profile.samples) {
    const { url, functionName } = byId.get(id)!.callFrame
    const pkg =
      url.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1] ??
      (url.includes('/build/')
        ? `app ${url
            .replace(/^.*\/build\//, '')
            .split('/')
            .slice(0, 2)
            .join('/')}`
        : null) ??
      (url.startsWith('node:') ? 'node internals' : `(${functionName || 'native'})`)
    shares.set(pkg, (shares.get(pkg) ?? 0) + 1)
  }
  const total = profile.samples.length
  return [...shares.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, samples]) => `${((samples / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
}
