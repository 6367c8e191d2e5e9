/**
 * The action's page over HTTP, for an owner reached by email (CONTRACT.md release 0.2):
 * | route            | what                                                                         |
 * |------------------|------------------------------------------------------------------------------|
 * | `GET /a/<token>` | the action, its history, and forms for Done, a progress note, a new due date |
 * | `POST /a/<token>`| one form's answer; 303 back to the page with a one-line confirmation, or the |
 * |                  | page again (422) with the error beside its field                              |
 * Any link that is not valid answers 404 with a page that says only that.
 *
 * Forgery: the token in the URL is the only credential (there are no cookies, so there is no session a
 * page on another site could ride on, and `SameSite` has nothing to apply to). A forged form would need
 * the token, and whoever has the token can open the page anyway, so a hidden anti-forgery field would
 * add nothing. What protects the token: `Referrer-Policy: no-referrer` (links on the page do not leak
 * it), `Cache-Control: no-store`, `X-Robots-Tag: noindex`, and `frame-ancestors 'none'` (no clickjacking).
 */
import express, { type Application, type NextFunction, type Request, type Response } from 'express';
import type { ActionPages, OpenedPage, PageAnswer, PageField } from '../core/action-page';
import { formatDue } from '../core/format-date';
import { actionPageHtml, invalidLinkHtml, type PageForm, STYLE_HASH } from './action-page-html';

const POLICY = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The page's answers are a few fields of text: anything much larger is not from its forms. */
const MAX_BODY = '16kb';

function send(res: Response, status: number, html: string): void {
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': POLICY,
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'x-robots-tag': 'noindex',
      'x-content-type-options': 'nosniff',
    })
    .send(html);
}

function tokenOf(req: Request): string {
  const token = req.params.token;
  return typeof token === 'string' ? token : '';
}

const FIELDS: readonly PageField[] = ['done', 'note', 'due'];

function isField(value: unknown): value is PageField {
  return typeof value === 'string' && (FIELDS as readonly string[]).includes(value);
}

/** The posted form as an answer; null when it is not one of the page's forms. */
function answerOf(body: unknown): PageAnswer | null {
  if (typeof body !== 'object' || body === null) return null;
  const fields = body as Record<string, unknown>;
  const kind = fields.do;
  const words = (name: string): string => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  if (kind === 'done') return { kind, note: words('text') };
  if (kind === 'note') return { kind, text: words('text') };
  if (kind === 'due') return { kind, date: words('date') };
  return null;
}

function typedValue(answer: PageAnswer): string {
  if (answer.kind === 'done') return answer.note;
  return answer.kind === 'note' ? answer.text : answer.date;
}

/** The one line shown after the redirect: fixed words (and the new due date), never text from the URL. */
function confirmation(field: PageField, page: OpenedPage, now: Date): string {
  if (field === 'done') return 'Marked as done. Thank you.';
  if (field === 'note') return 'Your note was added.';
  const due = page.action.due;
  return due
    ? `The due date is now ${formatDue(due, { now, timezone: page.context.timezone })}.`
    : 'The due date was changed.';
}

export function mountActionPage(app: Application, pages: ActionPages): void {
  const parse = express.urlencoded({ extended: false, limit: MAX_BODY, parameterLimit: 10 });
  // A body too large or malformed is the sender's: a short answer, not a logged 500.
  const form = (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: unknown }).status === 413 ? 413 : 400;
      res
        .status(status)
        .type('text/plain')
        .send(status === 413 ? 'Too large.' : 'Not a form.');
    });

  app.get('/a/:token', async (req, res) => {
    const page = await pages.open(tokenOf(req));
    if (!page) return send(res, 404, invalidLinkHtml());
    const now = pages.now();
    const ok = req.query.ok;
    const shown: PageForm = {
      values: {},
      error: null,
      confirmation: isField(ok) ? confirmation(ok, page, now) : null,
    };
    send(res, 200, actionPageHtml(page, now, shown));
  });

  app.post('/a/:token', form, async (req, res) => {
    const token = tokenOf(req);
    const page = await pages.open(token);
    if (!page) return send(res, 404, invalidLinkHtml());
    const answer = answerOf(req.body);
    if (!answer) {
      const error = {
        field: 'note' as const,
        message: 'That form is not one of this page’s. Please try again.',
      };
      return send(res, 400, actionPageHtml(page, pages.now(), { values: {}, error, confirmation: null }));
    }
    const outcome = await pages.answer(page, answer);
    if ('ok' in outcome) {
      // Relative to /a/, so it holds behind a proxy that serves the service under a path.
      res.redirect(303, `${encodeURIComponent(token)}?ok=${outcome.ok}`);
      return;
    }
    const values = { [answer.kind]: typedValue(answer) };
    send(res, 422, actionPageHtml(page, pages.now(), { values, error: outcome.error, confirmation: null }));
  });
}
