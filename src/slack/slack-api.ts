/**
 * The Slack Web API client and how calls to it are paced.
 *
 * Rate limits: Slack limits posting per channel (about one message a second) and answers 429 with
 * Retry-After when a channel is over. The WebClient's own handling of 429 pauses its whole request queue,
 * so one busy channel would hold up every other channel's messages. Instead the client is created with
 * `rejectRateLimitedCalls`, and `ConversationQueues` runs calls one at a time per conversation: a 429 makes
 * only that conversation's queue wait out Retry-After and try again, while other channels carry on.
 * Network failures are retried by the WebClient itself, a couple of times, quickly, except for keyed
 * posts (reminders, digests: src/core/delivery/send-once.ts): a retry after a lost answer would post the
 * message twice, so their client does not retry; the failure goes back to the send, whose retry first looks
 * for the message by its key.
 */
import { webApi } from '@slack/bolt';
import type { Logger } from '../core/logger';
import { ConversationLanes } from '../messaging/conversation-lanes';
import { boltLogger } from './bolt-logger';
import type { SlackSettings } from './slack-settings';

export type WebClient = webApi.WebClient;

/** How a client retries and waits; the defaults suit every call but keyed posts. */
export interface SlackClientTuning {
  /** Retries of a call that failed in transit (no answer, a 5xx); 2 by default, 0 for keyed posts. */
  networkRetries?: number;
  /** How long one call may wait for its answer; 10 s by default. */
  timeoutMs?: number;
}

/** Options for every WebClient we make (ours and Bolt's), so both talk to SLACK_API_URL the same way. */
export function slackClientOptions(
  slack: Pick<SlackSettings, 'apiUrl' | 'logLevel'>,
  logger: Logger,
  tuning: SlackClientTuning = {},
): webApi.WebClientOptions {
  return {
    slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/`,
    logger: boltLogger(logger, slack.logLevel),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: tuning.networkRetries ?? 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    timeout: tuning.timeoutMs ?? 10_000,
  };
}

/** A client with the given bot token (SLACK_BOT_TOKEN's, or one workspace's install's). */
export function createSlackClient(
  slack: SlackSettings,
  logger: Logger,
  tuning?: SlackClientTuning,
): WebClient {
  return new webApi.WebClient(slack.botToken ?? undefined, slackClientOptions(slack, logger, tuning));
}

/**
 * True for a failure in transit or a 429 still there after waiting (no answer, a 5xx, a rate limit): the
 * call may work later, and for a post it may even have landed. Not an answer saying "cannot".
 */
export function isTransientError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === webApi.ErrorCode.RequestError ||
    code === webApi.ErrorCode.HTTPError ||
    code === webApi.ErrorCode.RateLimitedError
  );
}

/** Seconds Slack asked us to wait, when the error is a 429; null for any other error. */
export function rateLimitRetryAfter(error: unknown): number | null {
  if (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === webApi.ErrorCode.RateLimitedError &&
    'retryAfter' in error &&
    typeof error.retryAfter === 'number'
  ) {
    return error.retryAfter;
  }
  return null;
}

export interface ConversationQueuesOptions {
  logger: Logger;
  /** How many 429s in a row one call waits out before it gives up. */
  maxRateLimitRetries?: number;
  /** Longest wait honoured for one Retry-After, in seconds (Slack normally asks for a few seconds). */
  maxRetryAfterSeconds?: number;
}

/** Runs calls one at a time per conversation, waiting out a 429 without holding up other conversations. */
export class ConversationQueues {
  private readonly lanes = new ConversationLanes();
  private readonly logger: Logger;
  private readonly maxRetries: number;
  private readonly maxWait: number;

  constructor(options: ConversationQueuesOptions) {
    this.logger = options.logger;
    this.maxRetries = options.maxRateLimitRetries ?? 3;
    this.maxWait = options.maxRetryAfterSeconds ?? 60;
  }

  run<T>(conversation: string, call: () => Promise<T>): Promise<T> {
    return this.lanes.run(conversation, () => this.withRateLimitRetry(conversation, call));
  }

  private async withRateLimitRetry<T>(conversation: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        const retryAfter = rateLimitRetryAfter(error);
        if (retryAfter === null || attempt >= this.maxRetries) throw error;
        const wait = Math.min(Math.max(retryAfter, 1), this.maxWait);
        this.logger.warn(`Slack rate limit for ${conversation}: retrying in ${wait}s`);
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      }
    }
  }
}
