/**
 * Text for HTML: the one escaping every HTML Arising writes uses (the console, the action's page, mails,
 * the Slack install pages), quotes included so the result is safe in a quoted attribute too.
 */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
