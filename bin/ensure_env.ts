import { randomBytes } from 'node:crypto'
import { copyFile, readFile, writeFile, access } from 'node:fs/promises'

/**
 * Creates `.env` from `.env.example` with a fresh APP_KEY on a fresh clone,
 * so `npm start` and `npm test` need no manual step. Never runs in
 * production, where configuration must be explicit.
 */
export async function ensureEnvFile(appRoot: URL) {
  if (process.env.NODE_ENV === 'production') return

  const envFile = new URL('.env', appRoot)
  const exampleFile = new URL('.env.example', appRoot)
  try {
    await access(envFile)
    return
  } catch {}

  try {
    await copyFile(exampleFile, envFile)
  } catch {
    return
  }
  const key = randomBytes(32).toString('base64url')
  const contents = await readFile(envFile, 'utf8')
  await writeFile(envFile, contents.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`))
}
