import { Buffer } from 'buffer'

/**
 * simple-peer (and readable-stream under it) expect Node's `Buffer`,
 * `process` and `global`. Vite bundles for the browser without Node
 * polyfills, so the three are provided here, from the `buffer` and
 * `events` npm packages and a tiny `process`, before simple-peer loads.
 */
export async function loadSimplePeer() {
  globalThis.Buffer ??= Buffer
  globalThis.global ??= globalThis
  globalThis.process ??= {
    env: {},
    browser: true,
    version: '',
    versions: {},
    nextTick: (callback, ...args) => queueMicrotask(() => callback(...args)),
  }
  const { default: SimplePeer } = await import('simple-peer')
  return SimplePeer
}
