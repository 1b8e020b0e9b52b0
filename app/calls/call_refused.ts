import { Exception } from '@adonisjs/core/exceptions'

/**
 * Refusals with a stable code, as JSON or a status page.
 */
export class CallRefused extends Exception {}
