/**
 * The action's page as HTML: one small document with no script and no framework, readable on a phone
 * (one column, a viewport), with landmarks, headings in order (h1 the action, h2 its parts, h3 each
 * form), a label for every control and errors tied to their field. Every piece of user text (the task,
 * notes, names, the meeting) is escaped here; the only markup is this file's own. The style sheet is
 * inline and allowed by its hash in the Content-Security-Policy (action-page-routes.ts), so no inline
 * script could ever run.
 */

import { createHash } from 'node:crypto';
import type { OpenedPage, PageField } from '../core/action-page';
import { meetingTitleOf } from '../core/action-updates';
import { type Due, DueSchema, type HistoryEntry, OwnerSchema } from '../core/domain';
import { formatDue, formatLocalDate } from '../core/format-date';
import { escapeHtml } from '../core/html-escape';
import { formatOwnerPlain } from '../core/owners';
import { isSafeUrl } from '../core/text-entities';
import { withoutBidiControls } from '../core/text-limits';
import type { Span } from '../core/view';
import { dueLabel, stateLabel, taskSpans } from '../core/views/action-card';
import { formatInstant } from '../core/views/format-instant';

const STYLE = `
:root{color-scheme:light;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
body{margin:0 auto;max-width:40rem;padding:1rem}
header p{margin:0;font-weight:700;color:#3d3d3d}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:0 0 .5rem}
.task{font-size:1.1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{font-weight:600}dd{margin:0}
form{border:1px solid #8a8a8a;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
textarea,input{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #5f5f5f;border-radius:.25rem}
button{margin-top:.5rem;font:inherit;font-weight:600;padding:.5rem 1rem;border:0;border-radius:.25rem;background:#0b57d0;color:#fff}
a{color:#0b57d0}
:focus-visible{outline:3px solid #b3261e;outline-offset:2px}
.ok{border-left:4px solid #146c2e;background:#e6f4ea;padding:.5rem 1rem}
.error{color:#b3261e;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border-color:#b3261e}
ol{padding-left:1.25rem}li{margin-bottom:.5rem}
footer{margin-top:2rem;color:#4a4a4a;font-size:.9rem}
`.trim();

/** The Content-Security-Policy's `style-src` for the one style sheet: its SHA-256, no 'unsafe-inline'. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const esc = escapeHtml;

/** What the form fields held when the page is shown again with an error. */
export interface PageForm {
  values: Partial<Record<PageField, string>>;
  error: { field: PageField; message: string } | null;
  /** The confirmation of the answer just given (after the redirect), or null. */
  confirmation: string | null;
}

function documentHtml(title: string, main: string, footer = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>${esc(title)}</title>
<style>${STYLE}</style></head>
<body><header><p>Arising</p></header>
<main>${main}</main>${footer ? `<footer>${footer}</footer>` : ''}</body></html>`;
}

/** The page for a link that is not valid, whatever the reason (never which). */
export function invalidLinkHtml(): string {
  return documentHtml(
    'Link not valid · Arising',
    '<h1>This link is not valid</h1><p>It may have expired, or the action may no longer be yours. ' +
      'The next reminder you receive will have a new link.</p>',
  );
}

/** A span of the task: people by their name (or id), links as links, the rest as text. */
function spanHtml(span: Span): string {
  if (span.kind === 'user') return `@${esc(span.id)}`;
  const entity = span.entity;
  let out =
    entity?.kind === 'link' && isSafeUrl(entity.url)
      ? `<a href="${esc(entity.url)}" rel="noopener noreferrer nofollow">${esc(withoutBidiControls(entity.label ?? entity.url))}</a>`
      : esc(span.text);
  if (span.strike) out = `<s>${out}</s>`;
  return out;
}

function channelLabel(page: OpenedPage): string {
  const { platform, channel } = page.link.channel;
  const where = { slack: 'Slack', teams: 'Teams', console: 'Console' }[platform];
  return `${where} channel ${channel}`;
}

function meetingRows(page: OpenedPage): string {
  const rows: string[] = [];
  const title =
    meetingTitleOf(page.action, page.context) ??
    page.context.meetings.past.find((m) => m.id === page.action.meetingId)?.title ??
    null;
  if (title) rows.push(row('Meeting', esc(title)));
  if (page.action.agendaItem) rows.push(row('Agenda item', esc(page.action.agendaItem)));
  const next = page.context.meetings.next;
  if (next) rows.push(row('Next meeting', esc(formatLocalDate(next))));
  return rows.join('');
}

function row(label: string, valueHtml: string): string {
  return `<dt>${esc(label)}</dt><dd>${valueHtml}</dd>`;
}

function summaryHtml(page: OpenedPage, now: Date): string {
  const { action, context } = page;
  const ctx = { now, timezone: context.timezone };
  const owners = action.owners.map(formatOwnerPlain).join(', ');
  return (
    `<p class="task">${taskSpans(action, { strike: action.state !== 'open' })
      .map(spanHtml)
      .join('')}</p>` +
    `<dl>${row(action.owners.length > 1 ? 'Owners' : 'Owner', esc(owners))}` +
    row('Due', esc(dueLabel(action, ctx))) +
    row('Status', esc(stateLabel(action))) +
    row('Channel', esc(channelLabel(page))) +
    `${meetingRows(page)}</dl>`
  );
}

/** A labelled control, with its error (if it is the field in error) tied to it. */
function control(field: PageField, label: string, form: PageForm, input: (attrs: string) => string): string {
  const id = `${field}-input`;
  const error = form.error?.field === field ? form.error.message : null;
  const attrs =
    `id="${id}" name="${field === 'due' ? 'date' : 'text'}"` +
    (error ? ` aria-invalid="true" aria-describedby="${field}-error"` : '');
  return (
    `<label for="${id}">${esc(label)}</label>${input(attrs)}` +
    (error ? `<p class="error" id="${field}-error">${esc(error)}</p>` : '')
  );
}

function formHtml(field: PageField, heading: string, body: string, button: string): string {
  return (
    `<form method="post" aria-labelledby="${field}-heading"><h3 id="${field}-heading">${esc(heading)}</h3>` +
    `<input type="hidden" name="do" value="${field}">${body}<button type="submit">${esc(button)}</button></form>`
  );
}

function formsHtml(page: OpenedPage, form: PageForm): string {
  const value = (field: PageField) => esc(form.values[field] ?? '');
  const note = formHtml(
    'note',
    'Add a progress note',
    control('note', 'Progress note', form, (a) => `<textarea ${a} rows="3">${value('note')}</textarea>`),
    'Add note',
  );
  if (page.action.state !== 'open') {
    // Done or a new date answered after the action was closed (another tab, another owner): say why here.
    const late = form.error && form.error.field !== 'note' ? form.error.message : null;
    return (late ? `<p class="error" role="alert">${esc(late)}</p>` : '') + note;
  }
  const done = formHtml(
    'done',
    'Mark it done',
    control('done', 'Note (optional)', form, (a) => `<textarea ${a} rows="2">${value('done')}</textarea>`),
    'Done',
  );
  const due = formHtml(
    'due',
    'Set a new due date',
    control('due', 'New due date', form, (a) => `<input type="date" ${a} value="${value('due')}">`),
    'Change due date',
  );
  return done + note + due;
}

/** What one history entry says, in words. */
function entryWords(entry: HistoryEntry, timezone: string, now: Date): string {
  const what: Record<string, string> = {
    created: 'Raised',
    done: 'Marked done',
    drop: 'Dropped',
    note: 'Note',
    due: 'Due date changed',
    snooze: 'Snoozed',
    reassign: 'Reassigned',
    reopen: 'Reopened',
    imported: 'Imported from minutes',
  };
  const parts = [what[entry.kind] ?? entry.kind];
  const due = entry.changes.due;
  if (due && (entry.kind === 'due' || entry.kind === 'snooze'))
    parts.push(`to ${dueWords(due.to, timezone, now)}`);
  const owners = OwnerSchema.array().safeParse(entry.changes.owners?.to);
  if (owners.success) parts.push(`to ${owners.data.map(formatOwnerPlain).join(', ')}`);
  const head = parts.join(' ');
  return entry.text ? `${head}: ${entry.text}` : head;
}

function dueWords(value: unknown, timezone: string, now: Date): string {
  const due = DueSchema.safeParse(value);
  return due.success ? formatDue(due.data as Due, { now, timezone }) : 'no due date';
}

/** The history, newest first. */
function historyHtml(history: HistoryEntry[], timezone: string, now: Date): string {
  const items = [...history]
    .reverse()
    .map(
      (entry) =>
        `<li><time datetime="${esc(entry.at)}">${esc(formatInstant(entry.at, timezone))}</time>, ` +
        `${esc(entry.by)}: ${esc(entryWords(entry, timezone, now))}</li>`,
    );
  return items.length > 0 ? `<ol>${items.join('')}</ol>` : '<p>Nothing yet.</p>';
}

/** The page of an action, as its owner reached by email sees it. */
export function actionPageHtml(page: OpenedPage, now: Date, form: PageForm): string {
  const { action, context } = page;
  const status = form.confirmation ? `<p class="ok" role="status">${esc(form.confirmation)}</p>` : '';
  const main =
    `${status}<h1>Action #${action.number}</h1>${summaryHtml(page, now)}` +
    `<section aria-labelledby="answer-heading"><h2 id="answer-heading">Your answer</h2>${formsHtml(page, form)}</section>` +
    `<section aria-labelledby="history-heading"><h2 id="history-heading">History</h2>` +
    `${historyHtml(page.history, context.timezone, now)}</section>`;
  const footer = `This page was sent to ${esc(page.link.address)}, an owner of this action. Anyone with its link can answer as you, so please do not forward it.`;
  return documentHtml(`Action #${action.number} · Arising`, main, footer);
}
