/**
 * The limit for slash-command ack time: a bare Bolt app (ExpressReceiver, the same signing secret) whose
 * `/action` handler only acks. Prints `ready <port>` once listening; SIGTERM stops it.
 *
 * Environment: BENCH_SIGNING_SECRET.
 */
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver } from '@slack/bolt';

async function main(): Promise<void> {
  const receiver = new ExpressReceiver({
    signingSecret: process.env.BENCH_SIGNING_SECRET ?? '',
    endpoints: '/slack/events',
    processBeforeResponse: false,
  });
  // botId and botUserId given, as the service gives them, so no request waits for auth.test.
  const app = new App({
    receiver,
    token: 'xoxb-bench',
    botId: 'BBENCH',
    botUserId: 'UBENCHBOT',
    tokenVerificationEnabled: false,
    convoStore: false,
  });
  app.command('/action', async ({ ack }) => {
    await ack();
  });
  const server = receiver.app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
