/**
 * Our own typed errors. Everything a user can get wrong ends in a UserError, whose message is written for
 * that user: what was wrong, quoting their words, and the right form. Adapters show it and store nothing.
 */
import type { Span } from './view';

export type UserErrorCode =
  | 'bad_command'
  | 'bad_date'
  | 'date_in_past'
  | 'no_next_meeting'
  | 'too_long'
  | 'not_found'
  | 'forbidden'
  | 'already_closed'
  | 'bad_setting'
  | 'bad_minutes';

export class UserError extends Error {
  readonly code: UserErrorCode;
  /** The message as the chat shows it, when it names people (as mentions) the plain message cannot. */
  readonly spans: Span[] | undefined;
  constructor(code: UserErrorCode, message: string, spans?: Span[]) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.spans = spans;
  }
}

/** A write lost a race with another write of the same action; the caller may retry on fresh data. */
export class ConflictError extends Error {
  constructor(message = 'The action changed while this change was being made') {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The store could not be reached (Redis down); the user is told to try again shortly. */
export class UnavailableError extends Error {
  /**
   * True when the write may have been carried out even so: the connection was lost, or the call timed
   * out, after the command was sent (its reply can be lost with the connection). False when it was never
   * sent or was refused, so it certainly did nothing.
   */
  readonly mayHaveRun: boolean;
  constructor(
    message = 'Arising cannot reach its database just now. Please try again shortly.',
    options: { mayHaveRun?: boolean } = {},
  ) {
    super(message);
    this.name = 'UnavailableError';
    this.mayHaveRun = options.mayHaveRun ?? false;
  }
}
