/**
 * Redis I/O as the store ports promise it: a call that fails because Redis cannot be reached rejects with
 * UnavailableError (adapters then tell the user to try again shortly); any other Redis error is a bug and
 * surfaces as itself.
 */
import { UnavailableError } from '../core/errors';
import { isUnavailableError, mayHaveRun } from './redis-connection';

export async function redisIo<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isUnavailableError(err)) {
      const unavailable = new UnavailableError(undefined, { mayHaveRun: mayHaveRun(err) });
      unavailable.cause = err;
      throw unavailable;
    }
    throw err;
  }
}
