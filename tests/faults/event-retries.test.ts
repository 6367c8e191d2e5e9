/**
 * Fault 8: Slack delivers the same event (same event_id) four times, the later ones with x-slack-retry-num
 * 1, 2 and 3, to the service process: one note is stored and one reply is sent.
 */
import { faultWorld } from '../support/fault-world';
import {
  messageEvent,
  newEventId,
  sendToSlackEndpoint,
  slashCommand,
  type Where,
} from '../support/slack-signing';

jest.setTimeout(60_000);

const world = faultWorld({ role: 'web' });
const chair: Where = { team: 'T0TEAM', channel: 'C0RETRY', user: 'U0CHAIR' };
const channel = { platform: 'slack' as const, team: chair.team, channel: chair.channel };

it('takes an event delivered four times (retry-num 1–3) once: one note, one reply', async () => {
  await sendToSlackEndpoint(
    world.app.baseUrl,
    slashCommand(
      chair,
      'add <@U0PRIYA|priya> to circulate the minutes by 31 December 2030',
      world.slack.responseUrl(),
    ),
  );
  await world.slack.waitForCalls('chat.postMessage', 1, 10_000);
  const ts = await (async () => {
    for (let i = 0; i < 100; i += 1) {
      const id = (await world.store.get(channel, 1))?.message?.id;
      if (id) return id;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('The card was never linked to action #1');
  })();
  world.slack.reset();

  const event = messageEvent({ ...chair, user: 'U0SAM' }, 'draft is with the chair', {
    threadTs: ts,
    eventId: newEventId(),
  });
  const deliveries = [
    {},
    ...[1, 2, 3].map((n) => ({ 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' })),
  ];
  for (const headers of deliveries) {
    expect((await sendToSlackEndpoint(world.app.baseUrl, event, { headers })).status).toBe(200);
  }
  // And the retries arriving all at once, as a slow ack can cause.
  const again = messageEvent({ ...chair, user: 'U0SAM' }, 'figures are in', {
    threadTs: ts,
    eventId: newEventId(),
  });
  await Promise.all(
    deliveries.map(async (headers) =>
      expect((await sendToSlackEndpoint(world.app.baseUrl, again, { headers })).status).toBe(200),
    ),
  );

  await world.slack.waitForCalls('chat.postEphemeral', 2, 10_000);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const notes = (await world.store.get(channel, 1))?.notes ?? [];
  expect(notes.map((n) => n.text).sort()).toEqual(['draft is with the chair', 'figures are in']);
  expect(world.slack.callsTo('chat.postEphemeral')).toHaveLength(2);
  expect(world.slack.callsTo('chat.postMessage')).toHaveLength(0);
});
