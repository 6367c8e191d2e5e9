/**
 * The service's log lines: one JSON object a line, with the level, a name, the fields of the action a
 * line is about, errors as `err`, warnings on the error stream, secrets redacted, and LOG_LEVEL obeyed.
 */
import { Writable } from 'node:stream';
import { LineLogger } from '../../src/app/logger';
import { actionFields } from '../../src/core/logger';
import { boltLogger } from '../../src/slack/bolt-logger';

function capture() {
  const lines = { out: [] as string[], err: [] as string[] };
  const sink = (into: string[]) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        into.push(...chunk.toString().split('\n').filter(Boolean));
        callback();
      },
    });
  return { lines, output: { out: sink(lines.out), err: sink(lines.err) } };
}

const parse = (line: string | undefined) => JSON.parse(line ?? 'null') as Record<string, unknown>;

describe('LineLogger', () => {
  it('writes JSON lines with level, time, name and the action fields given first', () => {
    const { lines, output } = capture();
    const logger = new LineLogger('info', 'arising', output);
    logger.info(actionFields({ platform: 'slack', team: 'T1', channel: 'C1' }, 4), 'Reminder sent');
    const line = parse(lines.out[0]);
    expect(line).toMatchObject({
      level: 'info',
      name: 'arising',
      platform: 'slack',
      team: 'T1',
      channel: 'C1',
      action: 4,
      msg: 'Reminder sent',
    });
    expect(Number.isNaN(Date.parse(String(line.time)))).toBe(false);
  });

  it('puts an error in err and its message at the end of msg, on the error stream', () => {
    const { lines, output } = capture();
    new LineLogger('info', 'arising', output).warn('Could not post:', new Error('socket hang up'));
    expect(lines.out).toEqual([]);
    const line = parse(lines.err[0]);
    expect(line.msg).toBe('Could not post: socket hang up');
    expect(line.err).toMatchObject({ type: 'Error', message: 'socket hang up' });
    expect(String((line.err as { stack: string }).stack)).toContain('logger.test.ts');
  });

  it('shows a leading object that is not log fields in the message instead of spreading it', () => {
    const { lines, output } = capture();
    new LineLogger('info', 'arising', output).info({ level: 'fatal', msg: 'x' }, 'from a library');
    const line = parse(lines.out[0]);
    expect(line.level).toBe('info');
    expect(line.msg).toBe('{"level":"fatal","msg":"x"} from a library');
  });

  it('drops lines below LOG_LEVEL, and a child has its own name and level', () => {
    const { lines, output } = capture();
    const logger = new LineLogger('warn', 'arising', output);
    logger.info('hidden');
    const child = logger.child('slack');
    child.setLevel('debug' as never);
    child.debug('shown');
    logger.debug('still hidden');
    expect(lines.out.map((l) => parse(l).msg)).toEqual(['shown']);
    expect(parse(lines.out[0]).name).toBe('arising:slack');
  });

  it("keeps a Slack line's name and LOG_LEVEL when Bolt or its WebClient renames the logger and sets INFO", () => {
    const { lines, output } = capture();
    const slack = new LineLogger('warn', 'arising', output).child('slack');
    const forBolt = boltLogger(slack, 'warn');
    forBolt.setName('web-api:WebClient:0');
    forBolt.setLevel('info' as never);
    forBolt.info('not at LOG_LEVEL warn');
    forBolt.warn('rate limited');
    expect(forBolt.getLevel()).toBe('warn');
    expect(lines.out).toEqual([]);
    expect(lines.err.map((l) => [parse(l).name, parse(l).msg])).toEqual([['arising:slack', 'rate limited']]);
  });

  it('logs an error without the request it carries (a token in a header, message text in the body)', () => {
    const { lines, output } = capture();
    const error = Object.assign(new Error('An API error occurred: not_in_channel'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'not_in_channel' },
      config: { headers: { Authorization: 'Bearer xoxb-secret' }, data: 'text=the+private+minutes' },
    });
    new LineLogger('info', 'arising', output).error('Posting failed:', error);
    const all = lines.err.join('\n');
    expect(all).not.toContain('xoxb-secret');
    expect(all).not.toContain('private');
    expect(parse(lines.err[0]).err).toMatchObject({
      code: 'slack_webapi_platform_error',
      platformError: 'not_in_channel',
    });
  });
});
