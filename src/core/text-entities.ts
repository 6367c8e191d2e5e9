/**
 * Mentions and links inside user text (a task), kept as what they are rather than as raw markup.
 *
 * Tasks are stored as the platform sent them. In that text, markup the platform itself wrote is an entity:
 * Slack writes `<@U123>`, `<#C123|general>`, `<!subteam^S123|@design>` and `<https://…|label>` for what a
 * user picked from its menus; the Teams adapter writes `<@29:…>` for a person it resolved from an `<at>`
 * tag; the console writes `<@priya>` for `@Priya` (and takes `<https://…|label>` as a link). Each
 * platform's renderer then shows an entity as a real mention or link where it can, or as a name.
 *
 * Which markup counts is decided per platform, because only markup a platform produces is trustworthy
 * there: on Teams, `<https://…|prize>` typed by a user arrives as typed (Teams encodes it; the adapter
 * decodes it) and must stay text. Broadcasts (`<!channel>`, `<!here>`, `<!everyone>`) and every other
 * special form are never entities: they stay text, which every renderer escapes, so they ping nobody.
 */
import type { Platform } from './domain';
import { withoutBidiControls } from './text-limits';
import { type Span, text, user } from './view';

export type TextEntity =
  | { kind: 'text'; text: string }
  | { kind: 'user'; id: string; label: string | null }
  | { kind: 'channel'; id: string; label: string | null }
  | { kind: 'group'; id: string; label: string | null }
  | { kind: 'link'; url: string; label: string | null };

export type EntityKind = Exclude<TextEntity['kind'], 'text'>;

/** The entities a text span can carry (people are spans of their own). */
export type SpanEntity = Extract<TextEntity, { kind: 'channel' | 'group' | 'link' }>;

/** The entities each platform's own clients write into message text. */
const PLATFORM_ENTITIES: Record<Platform, ReadonlySet<EntityKind>> = {
  slack: new Set<EntityKind>(['user', 'channel', 'group', 'link']),
  teams: new Set<EntityKind>(['user']),
  console: new Set<EntityKind>(['user', 'link']),
};

const MARKUP = /<([^<>]*)>/g;
const USER = /^@([^\s|<>]+)(?:\|([^<>]*))?$/;
const CHANNEL = /^#([CG][A-Z0-9]+)(?:\|([^<>]*))?$/;
const GROUP = /^!subteam\^(S[A-Z0-9]+)(?:\|([^<>]*))?$/;
const LINK = /^((?:https?:\/\/|mailto:)[^\s|<>]+)(?:\|([^<>]*))?$/i;

/** A URL an entity may link to: http(s) or mailto only, with nothing that could close the markup. */
export function isSafeUrl(url: string): boolean {
  return /^(?:https?:\/\/|mailto:)[^\s|<>"]+$/i.test(url);
}

/** A plain Slack id (`U123`, `C123`, `S123`), the only ids a Slack renderer writes into markup. */
export function isSlackId(id: string): boolean {
  return /^[A-Z0-9]+$/i.test(id);
}

function labelOf(raw: string | undefined, platform: Platform): string | null {
  const label = typedText(raw ?? '', platform).trim();
  return label === '' ? null : label;
}

/** One piece of markup (without its brackets) as an entity, or null when it is none of the allowed ones. */
function entityOf(inner: string, platform: Platform): TextEntity | null {
  const allowed = PLATFORM_ENTITIES[platform];
  const person = allowed.has('user') ? USER.exec(inner) : null;
  if (person?.[1]) return { kind: 'user', id: person[1], label: labelOf(person[2], platform) };
  const channel = allowed.has('channel') ? CHANNEL.exec(inner) : null;
  if (channel?.[1]) return { kind: 'channel', id: channel[1], label: labelOf(channel[2], platform) };
  const group = allowed.has('group') ? GROUP.exec(inner) : null;
  if (group?.[1]) return { kind: 'group', id: group[1], label: labelOf(group[2], platform) };
  const link = allowed.has('link') ? LINK.exec(inner) : null;
  if (link?.[1] && isSafeUrl(link[1]))
    return { kind: 'link', url: link[1], label: labelOf(link[2], platform) };
  return null;
}

/**
 * Slack sends what a user typed with `&`, `<` and `>` escaped (`&amp;`, `&lt;`, `&gt;`), so `R&D` is
 * stored as `R&amp;D`; its plain runs and labels are read back as typed (every renderer escapes them
 * again). Teams' adapter and the console store text as typed already.
 */
function typedText(piece: string, platform: Platform): string {
  if (platform !== 'slack') return piece;
  return piece.replace(/&(amp|lt|gt);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>' })[name] ?? '');
}

/** The text as plain runs and entities, in order; adjacent plain runs are joined. */
export function parseEntities(raw: string, platform: Platform): TextEntity[] {
  const out: TextEntity[] = [];
  const plain = (typed: string): void => {
    const piece = typedText(typed, platform);
    if (piece === '') return;
    const last = out.at(-1);
    if (last?.kind === 'text') last.text += piece;
    else out.push({ kind: 'text', text: piece });
  };
  let cursor = 0;
  for (const match of raw.matchAll(MARKUP)) {
    const entity = entityOf(match[1] ?? '', platform);
    if (!entity) continue;
    plain(raw.slice(cursor, match.index));
    out.push(entity);
    cursor = match.index + match[0].length;
  }
  plain(raw.slice(cursor));
  return out;
}

/** How an entity reads as plain words: `@priya`, `#general`, `@design`, `the report (https://…)`. */
export function entityWords(entity: TextEntity): string {
  switch (entity.kind) {
    case 'text':
      return entity.text;
    case 'user':
      return `@${entity.label?.replace(/^@/, '') ?? entity.id}`;
    case 'channel':
      return `#${entity.label?.replace(/^#/, '') ?? entity.id}`;
    case 'group':
      return `@${entity.label?.replace(/^@/, '') ?? entity.id}`;
    case 'link':
      return entity.label && entity.label !== entity.url ? `${entity.label} (${entity.url})` : entity.url;
  }
}

/** User text as plain words, for fallback texts and notifications that show no markup. */
export function plainWords(raw: string, platform: Platform): string {
  return parseEntities(raw, platform).map(entityWords).join('');
}

type TextStyle = Omit<Extract<Span, { kind: 'text' }>, 'kind' | 'text' | 'entity'>;

/**
 * User text as spans: people as `user` spans (each platform shows them as it shows any mention), the
 * other entities as text spans carrying the entity (shown as their words by a renderer that has no use
 * for it), and plain runs as text. The style (a struck-through closed task) applies to the text spans.
 */
export function entitySpans(raw: string, platform: Platform, style: TextStyle = {}): Span[] {
  return parseEntities(raw, platform).map((entity): Span => {
    if (entity.kind === 'text') return text(entity.text, style);
    if (entity.kind === 'user') return user(entity.id);
    return { kind: 'text', text: withoutBidiControls(entityWords(entity)), ...style, entity };
  });
}
