/**
 * What the simulated payer does once logged in: pay, get declined, or leave
 * the payment pending (eSewa then sends the payer to failure_url).
 */
export const SANDBOX_OUTCOMES = ['pay', 'decline', 'pending'] as const
export type SandboxOutcome = (typeof SANDBOX_OUTCOMES)[number]

/**
 * How the status API and transrec answer:
 * - ok: normally;
 * - unavailable: HTTP 200 `{"code":0,"error_message":"Service is currently unavailable"}`;
 * - down: HTTP 503 HTML page (a proxy's);
 * - forbidden: HTTP 403 HTML page (a proxy's);
 * - slow: normally, after `slowMs`;
 * - malformed: HTTP 200 with a truncated body.
 */
export const SANDBOX_STATUS_API_MODES = [
  'ok',
  'unavailable',
  'down',
  'forbidden',
  'slow',
  'malformed',
] as const
export type SandboxStatusApiMode = (typeof SANDBOX_STATUS_API_MODES)[number]

/** Every switch of the sandbox. */
export type SandboxSwitches = {
  outcome: SandboxOutcome
  statusApi: SandboxStatusApiMode
  /** Delay of the 'slow' status API, in milliseconds. */
  slowMs: number
  /** Lifetime of a new checkout session, in seconds. */
  sessionTtlSeconds: number
  /** Every checkout session counts as expired (checkout page and status API). */
  expireSessions: boolean
}

/** The switches at start and after reset(): a normal, healthy eSewa. */
export const DEFAULT_SWITCHES: Readonly<SandboxSwitches> = Object.freeze({
  outcome: 'pay',
  statusApi: 'ok',
  slowMs: 15_000,
  sessionTtlSeconds: 300,
  expireSessions: false,
})

/**
 * Held on globalThis so a module reloaded by the dev server's hot reloader
 * still sees the switches set before (tests import this module in-process).
 */
const STATE_KEY = Symbol.for('kotha.esewaSandbox.switches')
type Holder = { [STATE_KEY]?: SandboxSwitches }

function state(): SandboxSwitches {
  const holder = globalThis as Holder
  return (holder[STATE_KEY] ??= { ...DEFAULT_SWITCHES })
}

/**
 * Checks a partial set of switches; throws a TypeError naming the first bad one.
 */
export function checkSwitches(
  partial: Partial<Record<keyof SandboxSwitches, unknown>>
): Partial<SandboxSwitches> {
  const checked: Partial<SandboxSwitches> = {}
  for (const [name, value] of Object.entries(partial)) {
    if (value === undefined) continue
    switch (name) {
      case 'outcome':
        if (!(SANDBOX_OUTCOMES as readonly unknown[]).includes(value)) {
          throw new TypeError(`outcome must be one of ${SANDBOX_OUTCOMES.join(', ')}`)
        }
        checked.outcome = value as SandboxOutcome
        break
      case 'statusApi':
        if (!(SANDBOX_STATUS_API_MODES as readonly unknown[]).includes(value)) {
          throw new TypeError(`statusApi must be one of ${SANDBOX_STATUS_API_MODES.join(', ')}`)
        }
        checked.statusApi = value as SandboxStatusApiMode
        break
      case 'slowMs':
      case 'sessionTtlSeconds': {
        const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
        if (
          typeof number !== 'number' ||
          !Number.isSafeInteger(number) ||
          number < 0 ||
          number > 86_400_000
        ) {
          throw new TypeError(`${name} must be a whole number, 0 or more`)
        }
        checked[name] = number
        break
      }
      case 'expireSessions':
        if (typeof value === 'boolean') checked.expireSessions = value
        else if (['true', '1', 'on'].includes(String(value))) checked.expireSessions = true
        else if (['false', '0', 'off', ''].includes(String(value))) checked.expireSessions = false
        else throw new TypeError('expireSessions must be true or false')
        break
      default:
        throw new TypeError(`unknown switch "${name}"`)
    }
  }
  return checked
}

/**
 * The sandbox's switches, one set per process: tests flip them in-process
 * (`switches.set({ outcome: 'decline' })`) and reset them after each test.
 */
export const switches = {
  /** The current switches (a copy). */
  get(): SandboxSwitches {
    return { ...state() }
  },

  /** Changes some switches; throws a TypeError on an unknown switch or value. */
  set(partial: Partial<SandboxSwitches>): SandboxSwitches {
    Object.assign(state(), checkSwitches(partial))
    return this.get()
  },

  /** Back to the defaults: pay, status API ok, 300 s sessions. */
  reset(): SandboxSwitches {
    Object.assign(state(), DEFAULT_SWITCHES)
    return this.get()
  },
}
