/**
 * The subcommands about the channel rather than one action: alias owners and settings.
 */

import { announceChairs, announceFirstChair, takeChannelChange, withFirstChair } from './channel-chairs';
import type { Reply } from './chat-service';
import type { Command, SettingChange } from './command';
import type { Actor, ChannelSettings } from './domain';
import { UserError } from './errors';
import { assertMayRunChannel } from './permissions';
import { loadChannelContext, type ServiceDeps } from './service-deps';
import { type Span, text, type View } from './view';
import { personSpan } from './views/action-card';
import { notice } from './views/notice';
import { settingsView } from './views/settings-view';

type Of<K extends Command['kind']> = Extract<Command, { kind: K }>;

/**
 * `owner WYP = @russ @oz`: whoever an alias maps to may close its actions and gets its reminders, so only
 * the channel's chairs may map one once it has chairs (takeChannelChange).
 */
export async function setOwnerAlias(deps: ServiceDeps, actor: Actor, cmd: Of<'owner-set'>): Promise<Reply> {
  await takeChannelChange(deps, actor, 'change its aliases');
  await deps.store.setAlias(actor.channel, cmd.alias, cmd.userIds);
  if (cmd.userIds.length === 0) {
    return { kind: 'ephemeral', view: notice(`${cmd.alias} no longer maps to anyone.`) };
  }
  const spans: Span[] = [text(`${cmd.alias}`, { bold: true }), text(' now means ')];
  cmd.userIds.forEach((id, i) => {
    if (i > 0) spans.push(text(', '));
    spans.push(personSpan(id));
  });
  spans.push(text(`: they are reminded of ${cmd.alias}'s actions and may close them.`));
  const count = cmd.userIds.length === 1 ? '1 person' : `${cmd.userIds.length} people`;
  return { kind: 'ephemeral', view: notice(`${cmd.alias} now maps to ${count}.`, spans) };
}

export async function listOwnerAliases(deps: ServiceDeps, actor: Actor): Promise<Reply> {
  const aliases = await deps.store.getAliases(actor.channel);
  const names = Object.keys(aliases).sort();
  if (names.length === 0) {
    return { kind: 'ephemeral', view: notice('No aliases yet. Map one with `owner WYP = @russ @oz`.') };
  }
  const spans: Span[] = [];
  for (const name of names) {
    if (spans.length > 0) spans.push(text('\n'));
    spans.push(text(name, { bold: true }), text(' = '));
    (aliases[name] ?? []).forEach((id, i) => {
      if (i > 0) spans.push(text(' '));
      spans.push(personSpan(id));
    });
  }
  const view: View = { text: `Aliases: ${names.join(', ')}`, blocks: [{ kind: 'section', spans }] };
  return { kind: 'ephemeral', view };
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Applies one setting change to the settings, refusing values that cannot work. */
export function applySetting(settings: ChannelSettings, change: SettingChange): ChannelSettings {
  switch (change.key) {
    case 'timezone':
      if (!isKnownZone(change.zone)) {
        throw new UserError(
          'bad_setting',
          `“${change.zone}” is not a time zone I know. Use an IANA name such as \`settings timezone Europe/London\` or \`settings timezone America/New_York\`.`,
        );
      }
      return { ...settings, timezone: change.zone };
    case 'digest':
      return { ...settings, digest: { weekday: change.weekday, time: change.time } };
    case 'digest-off':
      return { ...settings, digest: null };
    case 'reminders':
      return { ...settings, reminders: change.offsets };
    case 'workdays':
      return { ...settings, workdays: change.days };
    case 'holidays':
      return { ...settings, holidays: change.region };
    case 'chairs':
      return { ...settings, chairs: change.userIds };
    case 'checkin':
      return { ...settings, checkin: change.offset };
  }
}

export async function changeSettings(deps: ServiceDeps, actor: Actor, cmd: Of<'settings'>): Promise<Reply> {
  const ctx = await loadChannelContext(deps, actor.channel);
  const change = cmd.change;
  const naming = change.key === 'chairs';
  assertMayRunChannel(actor.userId, ctx.settings, naming ? 'change its chairs' : 'change its settings');
  if (change.key === 'holidays' && change.region && deps.holidays && !deps.holidays(change.region)) {
    throw new UserError(
      'bad_setting',
      `I don't know the public holidays of “${change.region}”. Use a country, or a country and region, such as \`settings holidays GB-ENG\`, \`settings holidays GB-SCT\` or \`settings holidays US-NY\`.`,
    );
  }
  // One atomic change of the settings as they are now: a setting another command saved meanwhile stays.
  // Naming the chairs is itself the claim; any other first setting makes its setter the first chair.
  const { before, after: next } = await deps.store.updateSettings(actor.channel, (current) => {
    assertMayRunChannel(actor.userId, current, naming ? 'change its chairs' : 'change its settings');
    return applySetting(naming ? current : withFirstChair(current, actor.userId), change);
  });
  if (naming) await announceChairs(deps, actor, before.chairs, next.chairs);
  else if (before.chairs.length === 0) await announceFirstChair(deps, actor);
  try {
    await deps.scheduler.channelChanged(actor.channel);
  } catch (error) {
    deps.onBackgroundError?.('rescheduling the channel', error, { channel: actor.channel });
  }
  return { kind: 'ephemeral', view: settingsView(next, deps.defaultTimezone, 'Settings saved.') };
}

export async function showSettings(deps: ServiceDeps, actor: Actor): Promise<Reply> {
  const settings = await deps.store.getSettings(actor.channel);
  return { kind: 'ephemeral', view: settingsView(settings, deps.defaultTimezone) };
}
