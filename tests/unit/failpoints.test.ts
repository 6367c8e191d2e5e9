import { installFailpoints, parseFailpoints } from '../../src/app/failpoints-from-env';
import { failpoint } from '../../src/core/failpoints';

describe('ARISING_FAILPOINT', () => {
  afterEach(() => installFailpoints(undefined));

  it('reads names and hit counts', () => {
    expect(parseFailpoints(' a, b@3 ,')).toEqual([
      { name: 'a', hit: 1 },
      { name: 'b', hit: 3 },
    ]);
    expect(parseFailpoints(undefined)).toEqual([]);
  });

  it('refuses a count that is not a whole number from 1', () => {
    expect(() => parseFailpoints('a@0')).toThrow(/name@N/);
    expect(() => parseFailpoints('a@x')).toThrow(/name@N/);
  });

  it('fires on the named hit of the named point only', () => {
    const died: string[] = [];
    installFailpoints('send@2', (name) => died.push(name));
    failpoint('other');
    failpoint('send');
    expect(died).toEqual([]);
    failpoint('send');
    expect(died).toEqual(['send']);
    failpoint('send');
    expect(died).toEqual(['send']);
  });

  it('does nothing when none is armed', () => {
    const died: string[] = [];
    installFailpoints('', (name) => died.push(name));
    failpoint('send');
    expect(died).toEqual([]);
  });
});
