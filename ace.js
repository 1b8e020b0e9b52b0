/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| The TypeScript loader (SWC based) is registered first so that the rest of
| the application can be written in TypeScript and run without a build step.
|
*/
import '@poppinss/ts-exec'

await import('./bin/console.js')
