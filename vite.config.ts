import { defineConfig, type Plugin } from 'vite'
import { join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import adonisjs from '@adonisjs/vite/client'
import tailwindcss from '@tailwindcss/vite'

const appRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url)).replace(/\/$/, '')

/**
 * 404 for any request naming a file under `dirs` (root-relative, or through
 * /@fs/ and /@id/), before Vite's own middlewares: some of them answer
 * without reading the file (`photo.jpg?import` is its URL), and none should
 * say anything about what is in there.
 */
function refuseDirectories(dirs: string[]): Plugin {
  return {
    name: 'kotha:refuse-directories',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        let path: string
        try {
          path = decodeURIComponent(new URL(request.url ?? '/', 'http://vite').pathname)
        } catch {
          return next()
        }
        const prefixed = /^\/@(fs|id)\//.exec(path)
        const rest = prefixed ? path.slice(prefixed[0].length - 1) : path
        const file =
          prefixed && rest.startsWith(`${server.config.root}/`)
            ? join(rest)
            : join(server.config.root, rest)
        if (dirs.some((dir) => file === dir || file.startsWith(dir + sep))) {
          response.statusCode = 404
          return response.end()
        }
        next()
      })
    },
  }
}

export default defineConfig({
  plugins: [
    refuseDirectories([appRoot('./tmp')]),
    tailwindcss(),
    adonisjs({
      entryPoints: ['resources/css/app.css', 'resources/js/app.js'],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
  // simple-peer's dependencies read `global`; see resources/js/simple_peer.js.
  define: { global: 'globalThis' },
  optimizeDeps: { include: ['simple-peer', 'buffer', 'events'] },
  server: {
    watch: {
      ignored: ['**/tmp/**', '**/.tools/**'],
    },
    /*
     * The dev server (inside `node ace serve` and the test server) answers
     * for the whole app root: by default it would hand out any file under it,
     * tmp/vapid-dev-keys.json (the VAPID private key), tmp/uploads/chat/*,
     * .env.example, the TypeScript sources. It serves the browser's sources
     * and its dependencies only (everything else is 403), and nothing at all
     * under tmp/ (404). tests/functional/core/dev_server_hygiene.spec.ts.
     */
    fs: {
      strict: true,
      allow: [appRoot('./resources'), appRoot('./node_modules')],
      // Vite's defaults, plus tmp/.
      deny: ['.env', '.env.*', '*.{crt,pem}', '**/.git/**', `${appRoot('./tmp')}/**`],
    },
  },
})
