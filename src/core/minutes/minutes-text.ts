/**
 * Turns a minutes document's raw text into plain lines the extractor can read. Minutes arrive as plain
 * text, Markdown, reStructuredText, Word's raw text or pasted HTML; their markup (links, bold, escapes,
 * entities) would otherwise get between an owner and the word `to`. Strike-through is kept as `~~…~~`
 * because it carries meaning: a struck-through action is done.
 */
import { UserError } from '../errors';
import { stripControlCharacters } from '../text-limits';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  pound: '£',
  euro: '€',
};

/**
 * Refuses text no extractor could read: nothing at all, or bytes that are not text (a PDF or an image
 * read as if it were text). Everything else is accepted, however messy.
 */
export function assertUsableText(text: string): void {
  if (text.trim().length === 0) {
    throw new UserError('bad_minutes', 'The minutes are empty: there is no text to read actions from.');
  }
  let control = 0;
  // By UTF-16 unit, not code point: every character counted here is in the BMP, and this is several
  // times faster over a long document than iterating code points.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) {
      throw new UserError(
        'bad_minutes',
        'That does not look like text (it contains binary data). Paste the minutes as text, or use a .txt, .md or .docx file.',
      );
    }
    const c0 = code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12;
    if (c0 || (code >= 0x7f && code <= 0x9f) || code === 0xfffd) control++;
  }
  if (control > 8 && control / text.length > 0.01) {
    throw new UserError(
      'bad_minutes',
      'That does not look like text (too many control characters). Paste the minutes as text, or use a .txt, .md or .docx file.',
    );
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Tags of HTML pasted into minutes; anything else in angle brackets (an IRC `<nick>`) is kept. */
const HTML_TAGS =
  'a|abbr|b|blockquote|body|br|caption|code|col|colgroup|div|em|font|h[1-6]|head|header|hr|html|i|img|li|meta|o:p|ol|p|pre|section|small|span|strong|style|sub|sup|table|tbody|td|tfoot|th|thead|title|tr|u|ul';

/** Inline HTML that pasted or converted minutes carry: struck-through becomes `~~`, the rest is dropped. */
function stripHtml(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<(s|del|strike)\b[^<>]*>/gi, '~~')
    .replace(/<\/(s|del|strike)>/gi, '~~')
    .replace(new RegExp(`</?(?:${HTML_TAGS})\\b[^<>]{0,300}>`, 'gi'), '');
}

/** Markdown and reStructuredText markup that is only presentation. */
function stripLightMarkup(text: string): string {
  return (
    text
      // reStructuredText hyperlinks: `Title <#anchor>`_ and `Name`_
      .replace(/`([^`<\n]*)<[^>`\n]*>`_{1,2}/g, (_m, title: string) => title.trimEnd())
      .replace(/`([^`\n]+)`_{1,2}/g, '$1')
      // Markdown images and links
      // (no bracket inside the text or the URL, so each `[` starts at most one scan, to the next bracket)
      .replace(/!\[([^[\]\n]*)\]\([^()[\]\n]*\)/g, '$1')
      .replace(/\[([^[\]\n]+)\]\((?:[^()[\]\s]+)(?:\s+"[^"\n]*")?\)/g, '$1')
      // Markdown backslash escapes (`1\.`, `\_`)
      .replace(/\\([\\`*_{}[\]()#+\-.!|~>])/g, '$1')
      // bold
      .replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, '$1')
      .replace(/__(?=[^_\s])([^_\n]+?)__/g, '$1')
  );
}

const RIGHT_COLUMN =
  /^(\S.{29,}?[a-z].*?[^\s–—-])\s{3,}([A-Z][A-Za-z.]*(?:\s?(?:\/|&|,|and)\s?[A-Z][A-Za-z.]*){0,3})\s*$/;

/**
 * Minutes printed with an action column ("… Clerk to chase Highways.        Clerk"), which a copy from
 * a PDF or Word turns into text followed by spaces and the owner: written as "… – Action: Clerk".
 */
function withActionColumn(line: string): string {
  const m = line.length <= 400 && /\S\s{3,}[A-Z]/.test(line) ? RIGHT_COLUMN.exec(line) : null;
  if (!m || (m[1] ?? '').split(/\s+/).filter((w) => /^[a-z]/.test(w)).length < 4) return line;
  return `${m[1]} – Action: ${m[2]}`;
}

/**
 * Normalises line ends, spaces and markup; keeps line structure, indentation and `~~` strike-through.
 * Runs of more than 40 spaces are shortened to 40 (enough for any aligned table), which also keeps the
 * extractor's patterns fast on text padded with whitespace.
 */
export function normaliseMinutesText(raw: string): string {
  let text = raw.replace(/^\uFEFF/, '');
  text = text.replace(/\r\n?/g, '\n').replace(/[\f\v\u2028\u2029]/g, '\n');
  text = text.replace(/[\u00a0\u2007\u202f]/g, ' ').replace(/[\u200b-\u200d\u2060]/g, '');
  text = stripHtml(text);
  // After entities are decoded, so `&#x202E;` cannot bring back a control character or bidi override.
  text = stripControlCharacters(decodeEntities(text));
  text = stripLightMarkup(text);
  return text
    .split('\n')
    .filter((line) => !/^\.\.\s+(_|\w+::)/.test(line.trim()))
    .map(withActionColumn)
    .map((line) =>
      line
        .trimEnd()
        .replace(/ {41,}/g, ' '.repeat(40))
        .replace(/\t{9,}/g, '\t'.repeat(8)),
    )
    .join('\n');
}
