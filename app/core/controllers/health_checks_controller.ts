import type { HttpContext } from '@adonisjs/core/http'

/**
 * Probes for load balancers and orchestrators (checks in start/health.ts).
 * They are answered by HealthProbeMiddleware before the router's middleware
 * (no session, no CSRF cookie, no user lookup); the named routes point here
 * too (`health.live`, `health.ready`).
 */
export default class HealthChecksController {
  /** 200 while the process runs; reads nothing, not even during shutdown. */
  async live({ response }: HttpContext) {
    response.header('Cache-Control', 'no-store')
    return response.ok({ status: 'ok', uptime: Math.round(process.uptime()) })
  }

  /** 200 when every readiness check passes, 503 otherwise (shutting down, database down). */
  async ready({ response }: HttpContext) {
    const { readinessChecks } = await import('#start/health')
    const report = await readinessChecks.run()
    response.header('Cache-Control', 'no-store')
    response.status(report.isHealthy ? 200 : 503)
    return response.send({
      status: report.isHealthy ? 'ok' : 'error',
      checks: report.checks.map(({ name, status, message }) => ({ name, status, message })),
    })
  }
}
