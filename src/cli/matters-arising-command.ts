/**
 * `arising matters-arising --channel slack:T123:C456 [--format md|json|docx] [--json] [--out FILE]`: the
 * summary of the previous meeting's actions for the chair, as in chat: Markdown to paste into the next
 * meeting's papers, JSON (src/core/matters/matters-json.ts) for other tools, or a Word document for the
 * papers themselves (src/papers/matters-arising-docx.ts), which is written only to a file. Reads only;
 * posts nothing.
 */
import { channelId } from '../core/domain';
import type { MattersArising } from '../core/matters/matters-arising';
import { mattersArisingFor } from '../core/matters/matters-commands';
import { mattersArisingJson } from '../core/matters/matters-json';
import { mattersArisingMarkdown } from '../core/matters/matters-markdown';
import { type MattersPaper, mattersPaper } from '../core/matters/matters-paper';
import { mattersArisingDocx } from '../papers/matters-arising-docx';
import { RedisCheckins } from '../store/redis-checkins';
import { channelReportCommand } from './channel-report';
import { CliError } from './cli-io';
import { peopleNames } from './people-names';

const USAGE = [
  'arising matters-arising --channel slack:T123:C456 [--format md|json|docx] [--json] [--out FILE]',
  "    the status of the previous meeting's actions, by agenda item, then what is still open from earlier",
  '    meetings: Markdown (the default), JSON, or a Word document for the meeting papers',
  '    (--format docx --out papers.docx). --out writes to FILE (whole, or not at all) instead of stdout',
].join('\n');

type Loaded = { kind: 'summary'; summary: MattersArising } | { kind: 'paper'; paper: MattersPaper };

export const mattersArisingCommand = channelReportCommand({
  name: 'matters-arising',
  usage: USAGE,
  formats: ['md', 'json', 'docx'] as const,
  defaultFormat: 'md',
  fileFormats: ['docx'] as const,
  async load(session, channel, format): Promise<Loaded> {
    const { store, clock, config, redis } = session;
    const checkins = new RedisCheckins(redis, config.redisPrefix);
    const [summary, actions] = await Promise.all([
      mattersArisingFor({ store, clock, defaultTimezone: config.defaultTimezone, checkins }, channel),
      store.list(channel, 'all'),
    ]);
    const now = clock.now();
    if (format !== 'docx') return { kind: 'summary', summary };
    const label = channelId(channel);
    if (!summary.meeting) {
      const what =
        actions.length === 0
          ? `Arising has no actions and no meetings for ${label}: check --channel`
          : `${label} has no meeting to report on`;
      throw new CliError(
        `${what}. The papers are for a meeting: record one in the channel with \`meeting Committee meeting on 12 March 2024\` (or import its minutes), then run this again; --format md works without one.`,
        1,
      );
    }
    const names = await peopleNames(session, channel, actions);
    return { kind: 'paper', paper: mattersPaper(summary, { channelLabel: label, names, now }) };
  },
  render(data, format) {
    if (data.kind === 'paper') return mattersArisingDocx(data.paper);
    return format === 'json'
      ? `${JSON.stringify(mattersArisingJson(data.summary), null, 2)}\n`
      : mattersArisingMarkdown(data.summary);
  },
});
