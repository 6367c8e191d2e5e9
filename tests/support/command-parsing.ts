/**
 * Helpers for the command parser's tests: the refusal a text gets, checked for its code and the words
 * its message must hold, and owner literals.
 */
import { parseCommand } from '../../src/core/command-parser';
import { UserError, type UserErrorCode } from '../../src/core/errors';

/** The UserError that parsing `text` throws; fails the test when it parses or throws anything else. */
export function refusal(text: string): UserError {
  try {
    parseCommand(text);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

/** Asserts the refusal's code and that its message holds each fragment (quoted words, the right form). */
export function expectRefused(text: string, code: UserErrorCode, ...fragments: string[]): void {
  const error = refusal(text);
  expect(error.code).toBe(code);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
}

/** A person as an owner. */
export const U = (id: string) => ({ kind: 'user', id }) as const;
/** An alias as an owner. */
export const A = (name: string) => ({ kind: 'alias', name }) as const;
