/**
 * ConversationLanes: what a user sees as "cards arrive in the order they were changed, and a busy or
 * rate-limited channel does not hold up another".
 */
import { ConversationLanes } from '../../src/messaging/conversation-lanes';

/** A call that finishes when `release` is called, recording when it started and ended. */
function gate(log: string[], name: string) {
  let release = () => {};
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  const call = async () => {
    log.push(`start ${name}`);
    await done;
    log.push(`end ${name}`);
    return name;
  };
  return { call, release: () => release() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

it('runs one conversation’s calls one after another, in order', async () => {
  const lanes = new ConversationLanes();
  const log: string[] = [];
  const first = gate(log, 'a1');
  const second = gate(log, 'a2');
  const results = [lanes.run('A', first.call), lanes.run('A', second.call)];
  await tick();
  expect(log).toEqual(['start a1']);
  first.release();
  await tick();
  expect(log).toEqual(['start a1', 'end a1', 'start a2']);
  second.release();
  expect(await Promise.all(results)).toEqual(['a1', 'a2']);
});

it('lets another conversation’s call run while one conversation waits', async () => {
  const lanes = new ConversationLanes();
  const log: string[] = [];
  const slow = gate(log, 'a1');
  const other = gate(log, 'b1');
  const a = lanes.run('A', slow.call);
  const b = lanes.run('B', other.call);
  await tick();
  expect(log).toEqual(['start a1', 'start b1']);
  other.release();
  expect(await b).toBe('b1');
  expect(log).not.toContain('end a1');
  slow.release();
  expect(await a).toBe('a1');
});

it('goes on to the next call after one fails, and passes the failure to its caller', async () => {
  const lanes = new ConversationLanes();
  const failed = lanes.run('A', async () => {
    throw new Error('refused');
  });
  const next = lanes.run('A', async () => 'sent');
  await expect(failed).rejects.toThrow('refused');
  expect(await next).toBe('sent');
});
