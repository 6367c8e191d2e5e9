/**
 * Turns the text of a Teams message into the command language the core reads.
 *
 * Teams writes every mention as `<at>Name</at>` in the text and lists it in `entities` with the mentioned
 * id. Here:
 * - mentions of the bot are removed (in a channel every command starts with one);
 * - a mention of a person becomes `<@ID>` (Teams user ids look like `29:1abc…`, colon included), which the
 *   core's owner grammar reads as that user; a name split over several tags (`<at>Priya</at>
 *   <at>Patel</at>`, as Teams does for a partial mention) becomes one mention;
 * - a mention of a tag, channel or team is no person: it stays its plain name;
 * - everything else is user text, kept as typed: HTML entities are decoded, and only `<` before `@` gets a
 *   zero-width space, so text a user typed can never pass for a mention (the core then refuses it as an
 *   owner instead of taking it for someone). `<!channel>` or `<#C1>` typed in Teams stay exactly as typed:
 *   the core refuses them as owners as they are, and the card renderer shows every `<` literally.
 */

export interface TeamsMention {
  text: string;
  mentioned: { id: string; name: string };
}

export interface ReadMessage {
  /** The text for the core, bot mentions removed, people as `<@ID>`. */
  text: string;
  /** Whether the message mentioned the bot. */
  mentionedBot: boolean;
  /** The people mentioned, with the names Teams gave them (for showing them in cards later). */
  people: { id: string; name: string }[];
}

const AT_TAG = /<at(?:\s[^>]*)?>([\s\S]*?)<\/at>/gi;
const ZWSP = '\u200B';

/** The mention entities of an activity, ignoring anything malformed. */
export function mentionsOf(entities: unknown): TeamsMention[] {
  if (!Array.isArray(entities)) return [];
  const found: TeamsMention[] = [];
  for (const entity of entities) {
    if (typeof entity !== 'object' || entity === null) continue;
    const { type, text, mentioned } = entity as { type?: unknown; text?: unknown; mentioned?: unknown };
    if (type !== 'mention' || typeof mentioned !== 'object' || mentioned === null) continue;
    const { id, name } = mentioned as { id?: unknown; name?: unknown };
    if (typeof id !== 'string' || id === '') continue;
    found.push({
      text: typeof text === 'string' ? text : '',
      mentioned: { id, name: typeof name === 'string' ? name : '' },
    });
  }
  return found;
}

/** Teams user ids (`29:…`, or `8:orgid:…` in some clients); tags, channels (`19:…`) and teams are not. */
export function isTeamsUserId(id: string): boolean {
  return /^(29|8):\S+$/.test(id) && !/[<>|\s]/.test(id);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Decodes the HTML entities Teams may put in message text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith('#')) {
      const n =
        code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Plain user text: decoded, with a `<@` that the core would read as a mention broken. */
function plainText(raw: string): string {
  return decodeEntities(raw)
    .replace(/\u00a0/g, ' ')
    .replace(/<(?=@)/g, `<${ZWSP}`);
}

/** Reads a message: see the module comment. `botId` is the activity's recipient id. */
export function readMessageText(raw: string, entities: unknown, botId: string): ReadMessage {
  const mentions = mentionsOf(entities);
  const used = new Set<number>();
  const people = new Map<string, string>();
  let mentionedBot = false;
  let out = '';
  let lastPerson: string | null = null;
  let cursor = 0;
  for (const match of raw.matchAll(AT_TAG)) {
    const between = plainText(raw.slice(cursor, match.index));
    cursor = match.index + match[0].length;
    const name = decodeEntities(match[1] ?? '').trim();
    const index = mentions.findIndex(
      (m, i) => !used.has(i) && (m.text === match[0] || decodeEntities(m.text) === `<at>${name}</at>`),
    );
    const entity = index >= 0 ? mentions[index] : undefined;
    if (index >= 0) used.add(index);
    if (entity && entity.mentioned.id === botId) {
      mentionedBot = true;
      out += between;
      lastPerson = null;
      continue;
    }
    if (entity && isTeamsUserId(entity.mentioned.id)) {
      const id = entity.mentioned.id;
      people.set(id, entity.mentioned.name || people.get(id) || name);
      // The second half of a split name: only spaces since the same person's tag.
      if (lastPerson === id && between.trim() === '') continue;
      out += `${between}<@${id}>`;
      lastPerson = id;
      continue;
    }
    out += `${between}${plainText(name)}`;
    lastPerson = null;
  }
  out += plainText(raw.slice(cursor));
  return {
    text: out.trim(),
    mentionedBot,
    people: [...people].map(([id, name]) => ({ id, name })),
  };
}
