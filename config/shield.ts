import env from '#start/env'
import esewa from '#config/esewa'
import vite from '@adonisjs/vite/services/main'
import { defineConfig } from '@adonisjs/shield'
import { formActionSources, viteHmrSources } from '#core/http/content_security_policy'

const shieldConfig = defineConfig({
  /**
   * A strict Content-Security-Policy on every routed response. Scripts and
   * styles come from this origin (Vite's files) or carry the request's nonce
   * (`nonce="{{ cspNonce }}"`: the eSewa hand-off's auto-submit, the 503
   * page's style); no inline handlers or style attributes. Forms post here
   * or to eSewa's form hosts of the configured mode. While a Vite dev server
   * runs in the process (`node ace serve`, tests), its HMR WebSocket is
   * allowed too; its scripts are same-origin. CSP_REPORT_ONLY=true reports
   * without blocking. README "Security headers (CSP)".
   */
  csp: {
    enabled: true,
    reportOnly: env.get('CSP_REPORT_ONLY', false),
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", '@nonce'],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", '@nonce'],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", (req) => viteHmrSources(vite?.getDevServer(), req.headers.host)],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      frameSrc: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'", ...formActionSources([esewa.urls.form, esewa.urls.v1Form])],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
    },
  },

  /**
   * Configure CSRF protection options. Refer documentation
   * to learn more
   */
  csrf: {
    enabled: true,
    /**
     * eSewa (or its local sandbox) posts from another site, and the
     * re-verification webhook may be called by anyone: neither carries a
     * CSRF token, and neither trusts what it is sent.
     */
    exceptRoutes: (ctx) => {
      const url = ctx.request.url()
      return url.startsWith('/esewa-sandbox/') || url.startsWith('/esewa-webhook')
    },
    // Scripts send the page's token (`<meta name="csrf-token">`, resources/js/lib/http.js):
    // no XSRF-TOKEN cookie to encrypt into every response (docs/performance.md).
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },

  /**
   * Control how your website should be embedded inside
   * iFrames
   */
  xFrame: {
    enabled: true,
    action: 'DENY',
  },

  /**
   * Off here: Shield would send it on plain http too. HSTS is sent on https
   * requests only (X-Forwarded-Proto from a trusted proxy counts), by
   * SecurityHeadersMiddleware (config/security_headers.ts).
   */
  hsts: {
    enabled: false,
  },

  /**
   * Disable browsers from sniffing the content type of a
   * response and always rely on the "content-type" header.
   */
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
