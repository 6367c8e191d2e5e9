/**
 * `arising matters-arising --channel slack:T123:C456 [--format md|json] [--json]`: the summary of the
 * previous meeting's actions for the chair, as in chat: Markdown to paste into the next meeting's papers,
 * or JSON (src/core/matters/matters-json.ts) for other tools. Reads only; posts nothing.
 */
import { mattersArisingFor } from '../core/matters/matters-commands';
import { mattersArisingJson } from '../core/matters/matters-json';
import { mattersArisingMarkdown } from '../core/matters/matters-markdown';
import { RedisCheckins } from '../store/redis-checkins';
import { channelReportCommand } from './channel-report';

const USAGE = [
  'arising matters-arising --channel slack:T123:C456 [--format md|json] [--json]',
  "    the status of the previous meeting's actions, by agenda item, then what is still open from earlier",
  '    meetings: Markdown (the default) or JSON',
].join('\n');

export const mattersArisingCommand = channelReportCommand({
  name: 'matters-arising',
  usage: USAGE,
  formats: ['md', 'json'] as const,
  defaultFormat: 'md',
  load: ({ store, clock, config, redis }, channel) =>
    mattersArisingFor(
      {
        store,
        clock,
        defaultTimezone: config.defaultTimezone,
        checkins: new RedisCheckins(redis, config.redisPrefix),
      },
      channel,
    ),
  render: (summary, format) =>
    format === 'json'
      ? `${JSON.stringify(mattersArisingJson(summary), null, 2)}\n`
      : mattersArisingMarkdown(summary),
});
