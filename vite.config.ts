import { defineConfig } from 'vite'
import adonisjs from '@adonisjs/vite/client'
import tailwindcss from '@tailwindcss/vite'

export default defineConfig({
  plugins: [
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
  },
})
