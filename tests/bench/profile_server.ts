import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { ProductionServer, type ServerSettings } from '#tests/helpers/production_server'

/**
 * A CPU profile of Kotha's production server under one endpoint's load:
 * the server runs with `--cpu-prof` (Node writes the profile when it
 * exits), autocannon drives it with a logged-in session, and the path of
 * the .cpuprofile file is returned (open it in Chrome DevTools or
 * speedscope; `hottestFunctions` and `timeByPackage` summarize it).
 */
export async function profileEndpoint(
  settings: ServerSettings,
  load: (baseUrl: string) => Promise<void>,
  profileDir: string
) {
  await mkdir(profileDir, { recursive: true })
  const before = new Set(await readdir(profileDir))
  const server = new ProductionServer({
    ...settings,
    env: { ...settings.env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` },
  })
  await server.start(60_000)
  try {
    await load(server.baseUrl)
  } finally {
    await server.stop('SIGTERM')
  }
  // The main thread's profile is the biggest new file (the logger's worker writes one too).
  const written = (await readdir(profileDir)).filter(
    (name) => name.endsWith('.cpuprofile') && !before.has(name)
  )
  const sizes = await Promise.all(
    written.map(async (name) => ({ name, size: (await stat(join(profileDir, name))).size }))
  )
  return join(profileDir, sizes.sort((a, b) => b.size - a.size)[0].name)
}

type ProfileNode = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

type CallFrame = ProfileNode['callFrame']

/** The self time of a .cpuprofile grouped by `keyOf(frame)`, as "share  key" lines, biggest first. */
async function selfTimeBy(path: string, count: number, keyOf: (frame: CallFrame) => string) {
  const profile = JSON.parse(await readFile(path, 'utf8')) as {
    nodes: ProfileNode[]
    samples: number[]
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const samplesByKey = new Map<string, number>()
  for (const id of profile.samples) {
    const key = keyOf(byId.get(id)!.callFrame)
    samplesByKey.set(key, (samplesByKey.get(key) ?? 0) + 1)
  }
  const total = profile.samples.length
  return [...samplesByKey.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, samples]) => `${((samples / total) * 100).toFixed(1).padStart(5)}%  ${key}`)
}

/** The functions with the most self time. */
export function hottestFunctions(path: string, count = 30) {
  return selfTimeBy(path, count, ({ functionName, url, lineNumber }) => {
    const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/build\//, '')
    return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`
  })
}

/** Self time per package (or node internals, or the app's own folders). */
export function timeByPackage(path: string, count = 25) {
  return selfTimeBy(path, count, ({ functionName, url }) => {
    const pkg = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1]
    if (pkg) return pkg
    if (url.includes('/build/')) {
      return `app ${url
        .replace(/^.*\/build\//, '')
        .split('/')
        .slice(0, 2)
        .join('/')}`
    }
    return url.startsWith('node:') ? 'node internals' : `(${functionName || 'native'})`
  })
}
