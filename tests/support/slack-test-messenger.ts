/**
 * The real Slack messenger pointed at the fake Slack API, for tests that send what a job would (a
 * reminder DM) before a person answers it.
 */
import { LineLogger } from '../../src/app/logger';
import { ConversationQueues, createSlackClient } from '../../src/slack/slack-api';
import { SlackMessenger } from '../../src/slack/slack-messenger';

export function slackTestMessenger(apiUrl: string): SlackMessenger {
  const logger = new LineLogger('error');
  const settings = {
    botToken: 'xoxb-e2e-test-token',
    signingSecret: 'x',
    apiUrl,
    logLevel: 'error' as const,
  };
  return new SlackMessenger({
    client: createSlackClient(settings, logger),
    queues: new ConversationQueues({ logger }),
    logger,
  });
}
