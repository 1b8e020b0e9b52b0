/**
 * Raised for a status change a state machine does not allow: a bug, never
 * a silent overwrite.
 */
export class IllegalTransition extends Error {
  constructor(
    readonly subject: string,
    readonly from: string,
    readonly to: string
  ) {
    super(`A ${subject} cannot go from ${from} to ${to}`)
  }
}

/**
 * A state machine from the list of allowed moves out of each status.
 */
export function defineTransitions<Status extends string>(
  subject: string,
  allowed: Record<Status, Status[]>
) {
  const can = (from: Status, to: Status) => allowed[from].includes(to)
  return {
    can,
    assert(from: Status, to: Status) {
      if (!can(from, to)) throw new IllegalTransition(subject, from, to)
    },
  }
}
