import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'

const run = promisify(execFile)

/**
 * Boots the real server entry point in a child process with the given
 * environment; resolves with its exit code and output.
 */
async function bootServer(env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import=@poppinss/ts-exec', 'bin/server.ts'],
      {
        cwd: app.makePath(),
        env: { ...process.env, ...env },
        timeout: 20000,
      }
    )
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failure.code ?? 1, output: (failure.stdout ?? '') + (failure.stderr ?? '') }
  }
}

const production = {
  NODE_ENV: 'production',
  PORT: '0',
  HOST: '127.0.0.1',
  APP_URL: 'https://kotha.example',
  APP_KEY: 'a-production-key-for-this-test-only',
  LOG_LEVEL: 'fatal',
  SESSION_DRIVER: 'cookie',
  LIMITER_STORE: 'memory',
  DB_HOST: '127.0.0.1',
}

test.group('eSewa sandbox / never in production', () => {
  test('the server refuses to boot with NODE_ENV=production and the sandbox selected', async ({
    assert,
  }) => {
    const { code, output } = await bootServer({ ...production, ESEWA_MODE: 'sandbox' })
    assert.notEqual(code, 0)
    assert.include(
      output,
      'Refusing to start: the local eSewa sandbox is selected with NODE_ENV=production'
    )
  }).timeout(30000)

  test('nor with production mode pointed at sandbox URLs', async ({ assert }) => {
    const { code, output } = await bootServer({
      ...production,
      ESEWA_MODE: 'production',
      ESEWA_PRODUCT_CODE: 'NP-ES-KOTHA',
      ESEWA_SECRET_KEY: 'a-merchant-secret',
      ESEWA_STATUS_URL: 'https://kotha.example/esewa-sandbox/api/epay/transaction/status/',
    })
    assert.notEqual(code, 0)
    assert.include(output, 'Refusing to start: the local eSewa sandbox is selected')
  }).timeout(30000)

  test('nor in production mode with the public test merchant', async ({ assert }) => {
    const { code, output } = await bootServer({ ...production, ESEWA_MODE: 'production' })
    assert.notEqual(code, 0)
    assert.include(output, 'needs your own ESEWA_PRODUCT_CODE and ESEWA_SECRET_KEY')
  }).timeout(30000)
})
