/**
 * Failpoints: named instants in the code where a fault test can make the process die, to prove that a
 * crash exactly there loses nothing and sends nothing twice. The core only marks the instants
 * (`failpoint('reminder.after-lease')`); what happens there is installed once at start by the composition
 * root (src/app/failpoints-from-env.ts reads ARISING_FAILPOINT). With nothing installed, a failpoint is a
 * no-op costing one function call.
 */

/** What happens at a named failpoint. */
export type FailpointHandler = (name: string) => void;

let handler: FailpointHandler | null = null;

/** Marks an instant a fault test may kill the process at. */
export function failpoint(name: string): void {
  if (handler !== null) handler(name);
}

/** Installs (or, with null, removes) what happens at failpoints. */
export function setFailpointHandler(next: FailpointHandler | null): void {
  handler = next;
}
