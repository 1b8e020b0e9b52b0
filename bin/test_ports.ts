import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

/**
 * Ports for one test run, picked when the run starts so that two checkouts
 * (or two runs) on one machine never fight over a fixed port: the HTTP
 * server's PORT (with APP_URL), Vite's HMR port and the embedded
 * PostgreSQL's EMBEDDED_DB_PORT. `node ace test` suggests a PORT and an HMR
 * port of its own (from .env, free when it looked, which two runs starting
 * together both see), so they are replaced by ports the system hands out;
 * TEST_PORT forces one. A test PostgreSQL of this checkout that is still
 * running keeps its port, so the run attaches to it.
 */
export async function chooseTestPorts(appRoot: URL) {
  const port = Number(process.env.TEST_PORT) || (await freePort())
  process.env.PORT = String(port)
  process.env.APP_URL = `http://localhost:${port}`
  process.env.VITE_HMR_PORT = String(await freePort())
  if (!process.env.EMBEDDED_DB_PORT) {
    const dataDir = process.env.EMBEDDED_DB_DIR ?? 'tmp/postgres-test'
    const running = runningServerPort(fileURLToPath(new URL(`${dataDir}/`, appRoot)))
    process.env.EMBEDDED_DB_PORT = String(running ?? (await freePort()))
  }
}

/** The port in postmaster.pid (its fourth line) while that server's process lives. */
function runningServerPort(dataDir: string) {
  try {
    const lines = readFileSync(`${dataDir}postmaster.pid`, 'utf8').split('\n')
    process.kill(Number(lines[0]), 0)
    const port = Number(lines[3])
    return Number.isInteger(port) && port > 0 ? port : null
  } catch {
    return null
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}
