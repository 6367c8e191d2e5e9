/**
 * `arising digest --channel slack:T123:C456 [--format md|json] [--json]`: the overdue digest as the
 * channel would get it, grouped by owner, most overdue first: Markdown (the default) or JSON
 * (src/core/digest/digest-json.ts). Reads only; posts nothing.
 */
import { overdueDigestJson } from '../core/digest/digest-json';
import { overdueDigestMarkdown } from '../core/digest/digest-markdown';
import { loadChannelContext } from '../core/service-deps';
import { channelReportCommand } from './channel-report';

const USAGE = [
  'arising digest --channel slack:T123:C456 [--format md|json] [--json]',
  '    the overdue actions, grouped by owner, most overdue first: Markdown (the default) or JSON',
].join('\n');

export const digestCommand = channelReportCommand({
  name: 'digest',
  usage: USAGE,
  formats: ['md', 'json'] as const,
  defaultFormat: 'md',
  async load({ store, clock, config }, channel) {
    const [context, open] = await Promise.all([
      loadChannelContext({ store, defaultTimezone: config.defaultTimezone }, channel),
      store.list(channel, 'open'),
    ]);
    return { actions: open, ctx: { now: clock.now(), timezone: context.timezone } };
  },
  render: ({ actions, ctx }, format) =>
    format === 'json'
      ? `${JSON.stringify(overdueDigestJson(actions, ctx), null, 2)}\n`
      : overdueDigestMarkdown(actions, ctx),
});
