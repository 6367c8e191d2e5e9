/**
 * The console's HTTP routes:
 * | route                          | what                                                              |
 * |--------------------------------|-------------------------------------------------------------------|
 * | `GET /`                        | the page (src/console/public/index.html)                          |
 * | `GET /console/static/*`        | its script and style sheet                                        |
 * | `GET /console/api/session`     | the channel and the demo people                                   |
 * | `GET /console/api/panes?as=id` | the channel and the person's DM pane as that person sees them     |
 * | `GET /console/api/stream?as=id`| server-sent events: new and changed messages, unread DMs          |
 * | `POST /console/api/send`       | `{as, pane, text, thread?}`: a command, a thread reply, a DM      |
 * |                                | (413 with the core's words when the text is over its limit)       |
 * | `POST /console/api/button`     | `{as, pane, id, value, input?, messageId?}`: a button pressed     |
 * | `POST /console/api/import`     | `{as, text}`: minutes pasted into the import form                 |
 * | `GET /console/api/papers.docx?as=id` | matters arising as a Word document, as `matters-arising docx` |
 * |                                | makes it for that person (404 with the reason when there is none) |
 *
 * The console has no accounts: the page says who is acting (`as`), one of the demo people. Its data is
 * the `console` platform's own, so acting as someone here reaches nothing in Slack or Teams. POSTs take
 * only `application/json`, which a page on another site cannot send here without a CORS preflight this
 * server never grants.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Application, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { parseCommand } from '../core/command-parser';
import { CHANNEL_PANE, type ConsolePaneStore, dmPane } from '../core/console-pane-store';
import { looksLikeCommand } from '../core/conversation/intent';
import { UserError } from '../core/errors';
import { assertWithinLimit, stripControlCharacters } from '../core/text-limits';
import { BUTTON_IDS } from '../core/view';
import { DOCX_MEDIA_TYPE, mattersArisingDocx } from '../papers/matters-arising-docx';
import { type ConsoleAdapter, type ConsoleOutcome, commandText } from './console-adapter';
import { type ConsoleEvents, paneFor, type ShownMessage, showMessage } from './console-events';
import { CHANNEL_NAME, CONSOLE_CHANNEL, DEMO_PEOPLE, personById } from './demo';

/** Pasted minutes can be long; anything past this is refused before it is read. */
const MAX_BODY = '1mb';

const Person = z.string().refine((id) => personById(id) !== undefined, { message: 'is not a demo person' });
const PaneName = z.enum(['channel', 'dm']);

const SendBody = z.object({
  as: Person,
  pane: PaneName,
  text: z.string().trim().min(1, 'is empty'),
  thread: z
    .string()
    .regex(/^m\d+$/)
    .nullish(),
});
const ButtonBody = z.object({
  as: Person,
  pane: PaneName,
  id: z.enum(BUTTON_IDS),
  value: z.string().max(2000),
  input: z.string().optional(),
  messageId: z
    .string()
    .regex(/^m\d+$/)
    .optional(),
});
const ImportBody = z.object({ as: Person, text: z.string().trim().min(1, 'is empty').max(600_000) });

/** The folder of the page's files, from src/ (tsx) or from a build in dist/. */
export function publicDir(): string {
  const beside = path.join(__dirname, 'public');
  return existsSync(beside) ? beside : path.resolve(__dirname, '../../../src/console/public');
}

export interface ConsoleRouteDeps {
  adapter: ConsoleAdapter;
  store: ConsolePaneStore;
  events: ConsoleEvents;
}

/** Reads `as` from the query: one of the demo people, or null. */
function viewerOf(req: Request): string | null {
  const as = typeof req.query.as === 'string' ? req.query.as : '';
  return personById(as) ? as : null;
}

/**
 * The core's refusal of a text too long for it, or null. Checked before anything is stored, so a message
 * over the limit is neither shown in the pane nor read, and stays in the box to be shortened. A message
 * at the top of a pane is read as a command (`import` takes pasted minutes, far longer than any other);
 * a thread reply and a button's words, as a reply.
 */
function tooLong(text: string, asCommand: boolean): string | null {
  try {
    if (asCommand) parseCommand(commandText(text));
    else assertWithinLimit(stripControlCharacters(text).trim());
    return null;
  } catch (error) {
    return error instanceof UserError && error.code === 'too_long' ? error.message : null;
  }
}

/**
 * Whether a message at the top of a pane is read as a command, by the conversation core's rule: always in
 * the channel; in a DM pane only when addressed to Arising or starting with a subcommand (anything else
 * answers the latest reminder, so it is held to a reply's limit).
 */
function readAsCommand(pane: string, text: string): boolean {
  return pane === 'channel' || commandText(text) !== text.trim() || looksLikeCommand(text);
}

function refuseTooLong(res: Response, reason: string): void {
  res.status(413).json({ error: 'too_long', reason });
}

function badRequest(res: Response, error: z.ZodError): void {
  const issue = error.issues[0];
  const where = issue?.path.join('.') || 'body';
  res.status(400).json({ error: 'bad_request', reason: `${where} ${issue?.message ?? 'is not valid'}` });
}

/** The channel and the viewer's DM pane as they see them. */
async function panesOf(
  store: ConsolePaneStore,
  viewer: string,
): Promise<Record<'channel' | 'dm', ShownMessage[]>> {
  const [channel, dm] = await Promise.all([
    store.pane(CONSOLE_CHANNEL, CHANNEL_PANE),
    store.pane(CONSOLE_CHANNEL, dmPane(viewer)),
  ]);
  const shown = (pane: 'channel' | 'dm') => (m: Parameters<typeof paneFor>[0]) =>
    paneFor(m, viewer) === pane ? [showMessage(m, pane)] : [];
  return { channel: channel.flatMap(shown('channel')), dm: dm.flatMap(shown('dm')) };
}

export function mountConsole(app: Application, deps: ConsoleRouteDeps): void {
  const dir = publicDir();
  const parse = express.json({ limit: MAX_BODY, type: 'application/json' });
  // A body too large or not JSON is the sender's mistake: a 413 or 400 that says so, not a logged 500.
  const json = (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: unknown }).status === 413 ? 413 : 400;
      res.status(status).json({
        error: 'bad_request',
        reason: status === 413 ? `the body is larger than ${MAX_BODY}` : 'the body is not JSON',
      });
    });

  app.get('/', (_req, res) => {
    res.set('cache-control', 'no-cache').sendFile(path.join(dir, 'index.html'));
  });
  app.use('/console/static', express.static(dir, { index: false, maxAge: 0 }));

  app.get('/console/api/session', (_req, res) => {
    res.json({ channel: { name: CHANNEL_NAME }, people: DEMO_PEOPLE });
  });

  app.get('/console/api/panes', async (req, res) => {
    const viewer = viewerOf(req);
    if (!viewer)
      return void res.status(400).json({ error: 'bad_request', reason: 'as is not a demo person' });
    res.json(await panesOf(deps.store, viewer));
  });

  app.get('/console/api/stream', (req, res) => {
    const viewer = viewerOf(req);
    if (!viewer)
      return void res.status(400).json({ error: 'bad_request', reason: 'as is not a demo person' });
    deps.events.attach(res, viewer);
  });

  app.get('/console/api/papers.docx', async (req, res) => {
    const viewer = viewerOf(req);
    if (!viewer)
      return void res.status(400).json({ error: 'bad_request', reason: 'as is not a demo person' });
    const reply = await deps.adapter.paper(viewer);
    if (reply.kind !== 'document') {
      const reason = reply.kind === 'ephemeral' || reply.kind === 'channel' ? reply.view.text : 'no document';
      return void res.status(404).type('text/plain').send(reason);
    }
    const bytes = await mattersArisingDocx(reply.document.paper);
    res
      .status(200)
      .type(DOCX_MEDIA_TYPE)
      .attachment(reply.document.filename)
      .set('cache-control', 'no-store')
      .send(Buffer.from(bytes));
  });

  const answer = async (res: Response, work: () => Promise<ConsoleOutcome>) => {
    res.json({ ok: true, ...(await work()) });
  };

  app.post('/console/api/send', json, async (req, res) => {
    const body = SendBody.safeParse(req.body);
    if (!body.success) return badRequest(res, body.error);
    const { as, pane, text, thread } = body.data;
    const refusal = tooLong(text, !thread && readAsCommand(pane, text));
    if (refusal) return refuseTooLong(res, refusal);
    await answer(res, () => deps.adapter.send(as, pane, text, thread ?? null));
  });

  app.post('/console/api/button', json, async (req, res) => {
    const body = ButtonBody.safeParse(req.body);
    if (!body.success) return badRequest(res, body.error);
    const { as, pane, ...pressed } = body.data;
    const refusal = pressed.input === undefined ? null : tooLong(pressed.input, false);
    if (refusal) return refuseTooLong(res, refusal);
    await answer(res, () => deps.adapter.press(as, pane, pressed));
  });

  app.post('/console/api/import', json, async (req, res) => {
    const body = ImportBody.safeParse(req.body);
    if (!body.success) return badRequest(res, body.error);
    await answer(res, () => deps.adapter.importText(body.data.as, body.data.text));
  });
}
