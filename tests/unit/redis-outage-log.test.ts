/**
 * RedisOutageLog: one line when Redis goes, one when it is back, the errors in between counted; another
 * connection's own trouble at most once a minute; an error that is not about reaching Redis always.
 */
import { RedisOutageLog } from '../../src/app/redis-outage-log';

const refused = (): Error =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

function harness(connected = false) {
  const lines: { level: string; msg: string }[] = [];
  const record =
    (level: string) =>
    (...msg: unknown[]) => {
      lines.push({ level, msg: msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ') });
    };
  const clock = { now: 0, connected };
  const log = new RedisOutageLog({
    logger: { info: record('info'), warn: record('warn'), error: record('error') },
    where: 'redis://127.0.0.1:6379',
    connected: () => clock.connected,
    now: () => clock.now,
  });
  return { log, lines, clock };
}

it('logs an outage once when it starts and once when it ends, counting the errors between', () => {
  const { log, lines, clock } = harness();
  log.down(refused());
  for (let i = 0; i < 50; i++) log.down(refused());
  for (let i = 0; i < 30; i++) log.report('Worker reminders', refused());
  log.report('Queue reminders', refused());
  clock.now = 12_400;
  log.up();
  log.up();
  expect(lines).toEqual([
    {
      level: 'warn',
      msg: expect.stringMatching(/^Redis is down at redis:\/\/127\.0\.0\.1:6379: connect ECONNREFUSED /),
    },
    { level: 'info', msg: 'Redis is back after 12 s (81 connection errors in the meantime not logged).' },
  ]);
  expect(log.isDown).toBe(false);
});

it('takes another connection’s error as the start of an outage when its own client is not connected', () => {
  const { log, lines } = harness(false);
  log.report('Worker reminders', refused());
  log.report('Worker channel-posts', refused());
  expect(log.isDown).toBe(true);
  expect(lines.map((l) => l.msg)).toEqual([
    expect.stringMatching(/^Redis is down at .*: connect ECONNREFUSED/),
  ]);
});

it('logs another connection’s trouble while its own client is connected, once a minute per connection', () => {
  const { log, lines, clock } = harness(true);
  log.report('Worker reminders', refused());
  log.report('Worker reminders', refused());
  log.report('Queue reminders', refused());
  clock.now = 60_000;
  log.report('Worker reminders', refused());
  expect(log.isDown).toBe(false);
  expect(lines.map((l) => l.msg)).toEqual([
    'Worker reminders: cannot reach Redis: connect ECONNREFUSED 127.0.0.1:6379',
    'Queue reminders: cannot reach Redis: connect ECONNREFUSED 127.0.0.1:6379',
    'Worker reminders: cannot reach Redis: connect ECONNREFUSED 127.0.0.1:6379',
  ]);
});

it('always logs an error that is not about reaching Redis, even during an outage', () => {
  const { log, lines } = harness();
  log.down(refused());
  log.report('Worker reminders', new Error('ERR Error running script (call to f_1234): bad argument'));
  expect(lines.map((l) => `${l.level} ${l.msg}`)).toEqual([
    expect.stringMatching(/^warn Redis is down/),
    'error Worker reminders: ERR Error running script (call to f_1234): bad argument',
  ]);
});
