/**
 * Meeting logs from IRC and similar chats, and the minutes generated from them. A raw log carries the
 * meeting bot's commands inline (`16:43 <dgilmore> #action pbrobinson to send the patch`, `#topic …`);
 * W3C-style generated minutes tag actions in their summary (`[NEW] ACTION: …`, `[DONE] ACTION: …`) and
 * note where they were recorded. These lines are rewritten into the plain forms the extractor reads:
 * `ACTION: …`, a heading per topic, and a status word for `[DONE]` / `[PENDING]`.
 */

const CHAT_PREFIX =
  /^\s*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s+)?(?:<[@+%~&]?([^>\s]{1,40})>|\*\s+[^\s]{1,40})\s+/;
/** W3C scribes' "topic: …" (Zakim's convention, without MeetBot's `#`). */
const SCRIBE_TOPIC = /^topic\s*:\s*(\S.*)$/i;
/** Meeting bots echo what was said ("Created ACTION-113 - … [on Ian - due 2024-02-15]"). */
const BOT_NICK = /(?:bot|^rrsagent|^zakim)$/i;
const BOT_DUE = /\[on [^\]]{1,60}? - due (\d{4}-\d{2}-\d{2})\]/;
const BOT_COMMAND =
  /^#(action|topic|agreed|agree|info|idea|link|help|startmeeting|endmeeting|chair|undo)\b:?\s*(.*)$/i;
const W3C_TAG = /^\s*(?:[-*]\s+)?\[(NEW|DONE|PENDING|CONTINUES|DROPPED|IN PROGRESS)\]\s+(ACTION:.*)$/i;
const RECORDED = /\s*\[(?:recorded|recorded in|from)\s[^\]]*\]\s*$/i;

function rewriteCommand(command: string, rest: string): string | null {
  switch (command.toLowerCase()) {
    case 'action':
      return `ACTION: ${rest}`;
    case 'topic':
      return rest ? `\n## ${rest}\n` : '';
    case 'startmeeting':
      return rest ? `# ${rest}\n` : '';
    case 'agreed':
    case 'agree':
      return `AGREED: ${rest}`;
    case 'info':
    case 'idea':
    case 'link':
    case 'help':
      return `${command.toUpperCase()}: ${rest}`;
    default:
      return '';
  }
}

/** One line of a chat log or generated minutes in the form the extractor reads. */
function rewriteLine(line: string): string {
  const tagged = W3C_TAG.exec(line);
  if (tagged) {
    const tag = (tagged[1] ?? '').toUpperCase();
    const action = (tagged[2] ?? '').replace(RECORDED, '');
    if (tag === 'DONE') return `~~${action}~~`;
    if (tag === 'PENDING' || tag === 'CONTINUES' || tag === 'IN PROGRESS') return `${action} – in progress`;
    if (tag === 'DROPPED') return '';
    return action;
  }
  const chat = CHAT_PREFIX.exec(line);
  if (!chat) return /^\s*ACTION:/.test(line) ? line.replace(RECORDED, '') : line;
  const said = line.slice(chat[0].length);
  const command = BOT_COMMAND.exec(said.trim());
  if (command) return rewriteCommand(command[1] ?? '', (command[2] ?? '').trim()) ?? said;
  if (said.trim().startsWith('ACTION:')) return said.replace(RECORDED, '');
  const nick = chat[1];
  if (!nick) return line;
  const topic = SCRIBE_TOPIC.exec(said.trim());
  if (topic) return `\n## ${topic[1]}\n`;
  // Each line of the log is one remark of its own, written "nick: …" as a scribe writes a speaker.
  return `\n${nick}: ${said.trim()}\n`;
}

/**
 * A bot's echo of an action adds nothing but its due date, which goes to the `ACTION:` line before it
 * ("ACTION: Ian to draft the call (due: 2024-02-15)"); the echo itself is dropped.
 */
function foldBotEcho(out: string[], line: string): boolean {
  const chat = CHAT_PREFIX.exec(line);
  if (!chat?.[1] || !BOT_NICK.test(chat[1])) return false;
  const due = BOT_DUE.exec(line)?.[1];
  for (let k = out.length - 1; k >= 0 && k >= out.length - 3; k--) {
    const previous = out[k] ?? '';
    if (!previous.trim()) continue;
    if (due && /^\s*ACTION:/.test(previous) && !/\bdue\b/i.test(previous))
      out[k] = `${previous} (due: ${due})`;
    break;
  }
  return true;
}

/** Whether the text reads as a chat log (several lines start with a time and a `<nick>`). */
function looksLikeChat(lines: string[]): boolean {
  let chat = 0;
  for (const line of lines.slice(0, 400)) if (CHAT_PREFIX.test(line)) chat++;
  return chat >= 3;
}

/** Rewrites chat-log and generated-minutes lines; other text is returned unchanged. */
export function rewriteChatLog(text: string): string {
  const lines = text.split('\n');
  const chat = looksLikeChat(lines);
  if (!chat && !/\[(NEW|DONE|PENDING|CONTINUES)\]\s+ACTION:|\[recorded/i.test(text)) return text;
  const out: string[] = [];
  for (const line of lines) {
    if (chat && foldBotEcho(out, line)) continue;
    out.push(chat || W3C_TAG.test(line) || /ACTION:/.test(line) ? rewriteLine(line) : line);
  }
  return out.join('\n');
}
