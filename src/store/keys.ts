/**
 * The Redis key scheme of the store. Every key starts with the install's prefix (`REDIS_PREFIX`), so
 * several installs can share one Redis.
 *
 * Channel keys carry exactly one hash tag, `{platform:team:channel}`, with each part percent-encoded
 * (encodeURIComponent), so that:
 * - every key of one channel hashes to the same Redis Cluster slot and every atomic step (a Lua script
 *   touching the counter, the record, the state indexes and the history) stays within one slot;
 * - ids that contain `:`, `@`, `;` (Teams) or even `{`/`}` cannot end the tag early or make two channels
 *   share a key (`:` inside a part becomes `%3A`, so the separators are unambiguous).
 *
 * Per channel, with `T` = `${prefix}:{platform:team:channel}`:
 * | key                       | type       | holds                                                          |
 * |---------------------------|------------|----------------------------------------------------------------|
 * | `T:seq`                   | string     | the channel's last action number (INCR)                        |
 * | `T:action:<n>`            | hash       | `json`: the action without number and version; `version`       |
 * | `T:state:open`            | sorted set | numbers of open actions, score = due epoch ms, `+inf` when none |
 * | `T:state:done`            | sorted set | the same for done actions                                      |
 * | `T:state:dropped`         | sorted set | the same for dropped actions                                   |
 * | `T:history:<n>`           | list       | JSON history entries of action n, oldest first                 |
 * | `T:aliases`               | hash       | field = alias name lower-cased, value = JSON `{name, userIds}`  |
 * | `T:settings`              | string     | JSON channel settings                                          |
 * | `T:meetings`              | string     | JSON channel meetings (current meeting, next date)             |
 * | `T:draft:<id>`            | string     | an import waiting for Import or Cancel, with a TTL             |
 * | `T:checkin:round`         | string     | the meeting of the channel's latest check-in round             |
 * | `T:checkin:job`           | string     | the id of the channel's pending check-in job                   |
 * | `T:checkin:<meeting>:asked`   | hash   | field `<n>:<user>` = when they were asked (redis-checkins.ts)  |
 * | `T:checkin:<meeting>:answers` | hash   | field `<n>:<kind>:<user>` = JSON answer                       |
 * The owner index of the Home tab (`T:owner:u:<user>`, `T:owner:a:<alias>`, `T:raised:<user>`,
 * `T:owner-index`) is in the channel's slot too; owner-index.ts describes it.
 *
 * Outside any channel (single-key operations only, so no hash tag is needed):
 * | key                                        | type   | holds                                            |
 * |--------------------------------------------|--------|--------------------------------------------------|
 * | `${prefix}:msg:<platform>:<conversation>:<id>` | string | JSON `{channel, number}`: the action a message is about |
 * | `${prefix}:once:<key>`                     | string | `1` with a TTL: a one-off claim (event id, reminder) |
 * | `${prefix}:send:<key>`                     | hash   | a keyed send's lease or "sent" record (redis-send-ledger.ts) |
 * | `${prefix}:channels`                       | set    | JSON ChannelRefs of every channel that has had an action |
 * | `${prefix}:calendars`                      | set    | JSON ChannelRefs of the channels with a meeting calendar |
 * | `${prefix}:install:<platform>:<team>`       | string | a workspace's app install, sealed (AES-256-GCM)  |
 * | `${prefix}:{page}:key`                     | string | the action pages' signing key (base64), made once with SET NX |
 * | `${prefix}:page-link:<id>`                 | string | JSON `{channel, number, address}` of one page link, with a TTL |
 * | `${prefix}:papers-link:<id>`               | string | JSON channel ref of one papers download link, with a TTL |
 * | `${prefix}:home-page:<team>:<user>`         | string | the Slack Home tab page a person is on, with a TTL |
 *
 * Redis Cluster slots. A MULTI or Lua script may only touch keys of one slot, so:
 * - every atomic step is about one channel and uses only that channel's keys (one hash tag, one slot);
 *   the reminder ledger's per-action keys (redis-reminder-ledger.ts), the console's panes and messages
 *   and the Teams conversation reference of a channel carry the same tag, so they sit in the channel's
 *   slot too;
 * - the keys outside any channel (message index, claims, sends, the channels set, the overdue index, the
 *   console's counter, a Teams user's chat and a tenant's names) are read and written one key per
 *   command, never together, so they need no shared slot: each hashes on its whole name, and the claims
 *   and sends, the many small ones, spread over the cluster. None needs to share a slot with another.
 * - BullMQ's keys are in one slot per queue, by its prefix (jobs/job-settings.ts).
 * On one server the names are the same (BullMQ's prefix aside), so data stored before still reads.
 *
 * The channels set lets the repair pass (src/core/repair) visit every channel with actions without a
 * keyspace scan. It is written before an action's create script (it cannot be inside it: another slot), so
 * it may name a channel whose create then failed, but never misses one that has an action.
 *
 * The message index is not channel-scoped on purpose: a reminder DM lives in a DM conversation, not in
 * the action's channel, and a reply in its thread arrives knowing only that conversation and message id.
 * The lookup must work from those alone, so the key is built from them and holds the channel.
 */
import type { ActionState, ChannelRef, MessageRef, Platform } from '../core/domain';

/** Percent-encodes one id part so it can contain no `{`, `}` or `:` of its own. */
export function encodePart(part: string): string {
  return encodeURIComponent(part);
}

/** The channel's hash tag, braces included: `{slack:T1:C1}`. */
export function channelTag(ref: ChannelRef): string {
  return `{${encodePart(ref.platform)}:${encodePart(ref.team)}:${encodePart(ref.channel)}}`;
}

/** Every key of one channel; all share the channel's hash tag. */
export interface ChannelKeys {
  /** Counter for the channel's action numbers. */
  seq: string;
  /** `action(n)` without the number, for a script that learns the number from INCR. */
  actionBase: string;
  /** `history(n)` without the number, for a script that learns the number from INCR. */
  historyBase: string;
  action(number: number): string;
  history(number: number): string;
  state(state: ActionState): string;
  aliases: string;
  settings: string;
  meetings: string;
  draft(id: string): string;
}

/** Rejects a prefix that would break the scheme: empty, or with a brace that would start a hash tag. */
export function assertValidPrefix(prefix: string): void {
  if (prefix.length === 0 || /[{}]/.test(prefix)) {
    throw new Error(`The Redis key prefix must be non-empty and contain no braces; got "${prefix}"`);
  }
}

export function channelKeys(prefix: string, ref: ChannelRef): ChannelKeys {
  const base = `${prefix}:${channelTag(ref)}`;
  const actionBase = `${base}:action:`;
  const historyBase = `${base}:history:`;
  return {
    seq: `${base}:seq`,
    actionBase,
    historyBase,
    action: (n) => `${actionBase}${n}`,
    history: (n) => `${historyBase}${n}`,
    state: (s) => `${base}:state:${s}`,
    aliases: `${base}:aliases`,
    settings: `${base}:settings`,
    meetings: `${base}:meetings`,
    draft: (id) => `${base}:draft:${encodePart(id)}`,
  };
}

/** The message index key: see the module comment for why it is outside the channel's slot. */
export function messageKey(prefix: string, platform: Platform, message: MessageRef): string {
  return `${prefix}:msg:${encodePart(platform)}:${encodePart(message.conversation)}:${encodePart(message.id)}`;
}

/** A one-off claim's key; the caller's key is encoded so that it cannot form a hash tag. */
export function onceKey(prefix: string, key: string): string {
  return `${prefix}:once:${encodePart(key)}`;
}

/** A keyed send's record (lease or sent); the caller's key is encoded so that it cannot form a hash tag. */
export function sendKey(prefix: string, key: string): string {
  return `${prefix}:send:${encodePart(key)}`;
}

/** The set of every channel that has had an action (see the module comment). */
/** The overdue index of the metrics: one sorted set across channels, used one key per command. */
export function overdueKey(prefix: string): string {
  return `${prefix}:metrics:due`;
}

export function channelsKey(prefix: string): string {
  return `${prefix}:channels`;
}

/** The channels with a meeting calendar, which the daily refresh walks (redis-calendar-index.ts). */
export function calendarChannelsKey(prefix: string): string {
  return `${prefix}:calendars`;
}

/** A workspace's install of a chat app (redis-workspace-installs.ts), sealed: one key per workspace. */
export function installKey(prefix: string, platform: Platform, team: string): string {
  return `${prefix}:install:${encodePart(platform)}:${encodePart(team)}`;
}

/**
 * The signing key of the action pages' links (src/core/action-page-tokens.ts). Its own hash tag, so it
 * stays one key on one slot whatever else is added beside it; deleting it invalidates every link.
 */
export function pageSigningKey(prefix: string): string {
  return `${prefix}:{page}:key`;
}

/** One action page link's record; untagged, so the many records spread over a cluster's slots. */
export function pageLinkKey(prefix: string, id: string): string {
  return `${prefix}:page-link:${encodePart(id)}`;
}

/** One papers download link's record (the channel, as JSON), with a TTL; untagged like page links. */
export function papersLinkKey(prefix: string, id: string): string {
  return `${prefix}:papers-link:${encodePart(id)}`;
}

/** The org a workspace belongs to, for an org-wide install (redis-workspace-installs.ts). */
export function installOrgKey(prefix: string, platform: Platform, team: string): string {
  return `${prefix}:install-org:${encodePart(platform)}:${encodePart(team)}`;
}

/** The set of workspaces linked to an org's install. */
export function installOrgTeamsKey(prefix: string, platform: Platform, org: string): string {
  return `${prefix}:install-org-teams:${encodePart(platform)}:${encodePart(org)}`;
}

/** A channel's check-in records (redis-checkins.ts), in the channel's slot. */
export interface CheckinKeys {
  round: string;
  job: string;
  asked(meeting: string): string;
  answers(meeting: string): string;
}

export function checkinKeys(prefix: string, ref: ChannelRef): CheckinKeys {
  const base = `${prefix}:${channelTag(ref)}:checkin`;
  return {
    round: `${base}:round`,
    job: `${base}:job`,
    asked: (meeting) => `${base}:${encodePart(meeting)}:asked`,
    answers: (meeting) => `${base}:${encodePart(meeting)}:answers`,
  };
}

/** The Slack Home tab page a person is on (redis-view-pages.ts): one key per person, one command each. */
export function homePageKey(prefix: string, team: string, userId: string): string {
  return `${prefix}:home-page:${encodePart(team)}:${encodePart(userId)}`;
}
