/**
 * A button that no longer reads tells the person how to find their way again in their own platform's
 * words: Slack's slash command, Teams' mention, the console's bare command.
 */
import { userErrorWords } from '../../src/core/conversation/failure-words';
import { traitsOf } from '../../src/core/conversation/platform-traits';
import { UserError } from '../../src/core/errors';
import { readActionButtonValue, readDraftButtonValue } from '../../src/core/views/button-value';

function refusal(read: () => unknown): UserError {
  try {
    read();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('Expected the value to be refused');
}

it('names each platform’s own list command for an action button that no longer reads', () => {
  const error = refusal(() => readActionButtonValue('{"c":"garbage"}'));
  expect(userErrorWords(error, traitsOf('slack'))).toBe(
    'That button no longer works. Use `/action list` to find the action.',
  );
  expect(userErrorWords(error, traitsOf('teams'))).toBe(
    'That button no longer works. Use `@Arising list` to find the action.',
  );
  expect(userErrorWords(error, traitsOf('console'))).toBe(
    'That button no longer works. Use `list` to find the action.',
  );
});

it('names each platform’s own import command for an import button that no longer reads', () => {
  const error = refusal(() => readDraftButtonValue('not json'));
  expect(userErrorWords(error, traitsOf('teams'))).toBe(
    'That import button no longer works. Start again with `@Arising import`.',
  );
  expect(userErrorWords(error, traitsOf('slack'))).toContain('`/action import`');
});
