import { installFailpoints, parseFailpoints } from '../../src/app/failpoints-from-env';
import { failpoint } from '../../src/core/failpoints';

describe('ARISING_FAILPOINT', () => {
  afterEach(() => installFailpoints(undefined));

  it('reads names and hit counts', () => {
    expect(parseFailpoints(' a, b@3 ,c@2:stop, d:stop')).toEqual([
      { name: 'a', hit: 1, mode: 'kill' },
      { name: 'b', hit: 3, mode: 'kill' },
      { name: 'c', hit: 2, mode: 'stop' },
      { name: 'd', hit: 1, mode: 'stop' },
    ]);
    expect(parseFailpoints(undefined)).toEqual([]);
  });

  it('refuses a count that is not a whole number from 1', () => {
    expect(() => parseFailpoints('a@0')).toThrow(/name@N/);
    expect(() => parseFailpoints('a@x')).toThrow(/name@N/);
    expect(() => parseFailpoints('a@1:pause')).toThrow(/:stop/);
  });

  it('fires on the named hit of the named point only', () => {
    const died: string[] = [];
    installFailpoints('send@2', (name, action) => died.push(`${name}:${action}`));
    failpoint('other');
    failpoint('send');
    expect(died).toEqual([]);
    failpoint('send');
    expect(died).toEqual(['send:kill']);
    failpoint('send');
    expect(died).toEqual(['send:kill']);
  });

  it('tells the action which mode the rule asks for', () => {
    const acted: string[] = [];
    installFailpoints('send:stop, post', (name, mode) => acted.push(`${name} ${mode}`));
    failpoint('send');
    failpoint('post');
    expect(acted).toEqual(['send stop', 'post kill']);
  });

  it('does nothing when none is armed', () => {
    const died: string[] = [];
    installFailpoints('', (name) => died.push(name));
    failpoint('send');
    expect(died).toEqual([]);
  });
});
