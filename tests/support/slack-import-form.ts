/**
 * Slack's import form, driven as Slack drives it, for the end-to-end import tests: `/action import`
 * opens the modal, a signed view_submission carries the pasted text and the uploaded files, and a
 * block_actions press on the preview's Import button confirms it.
 *
 *   const { pasteAndImport } = slackImportForm(() => t);   // t: the TestService of the file
 */
import type { Body, FakeFile } from './fake-slack-api';
import { type SlackRequest, slashCommand, type Where } from './slack-signing';
import type { TestService } from './start-server';

export interface ImportForm {
  callback_id: string;
  private_metadata: string;
  blocks: { block_id?: string; element?: Body }[];
}

/** What a Slack message shows: its blocks as JSON, quotes unescaped, to search for the text a user reads. */
export function shown(body: Body | undefined): string {
  return JSON.stringify(body?.blocks ?? []).replace(/\\"/g, '"');
}

/** The value of the button `actionId` on a message, or an error saying what the message held. */
export function buttonValue(body: Body | undefined, actionId: string): string {
  const elements = (
    (body?.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]
  ).flatMap((b) => b.elements ?? []);
  const value = elements.find((e) => e.action_id === actionId)?.value;
  if (!value) throw new Error(`No ${actionId} button in ${shown(body)}`);
  return value;
}

/** The form's steps against the service `service()` returns (read at each call: set in beforeAll). */
export function slackImportForm(service: () => TestService) {
  /** `/action import` in `where`, and the modal it opened. */
  async function openImportForm(where: Where): Promise<ImportForm> {
    await service().send(slashCommand(where, 'import', service().slack.responseUrl('import')));
    const [open] = await service().slack.waitForCalls('views.open');
    const view = open?.body.view as ImportForm;
    service().slack.reset();
    return view;
  }

  /**
   * The signed view_submission of the import form, with the pasted text and the uploaded files. `null`
   * is a text box left empty, which Slack sends as a null value (not as '').
   */
  function submitImport(where: Where, view: ImportForm, text: string | null, files: Body[]): SlackRequest {
    const payload = {
      type: 'view_submission',
      team: { id: where.team, domain: 'example' },
      user: { id: where.user, username: where.user.toLowerCase(), team_id: where.team },
      api_app_id: 'A0ARISING',
      token: 'deprecated-verification-token',
      trigger_id: 'trigger-import-file',
      view: {
        id: 'V0IMPORT',
        team_id: where.team,
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: {
          values: {
            minutes: { minutes: { type: 'plain_text_input', value: text } },
            minutes_file: { minutes_file: { type: 'file_input', files } },
          },
        },
        hash: 'hash',
      },
    };
    const form = new URLSearchParams({ payload: JSON.stringify(payload) });
    return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }

  /** Serves `file` from the fake Slack and submits the import form with it. */
  async function submitFile(where: Where, file: FakeFile, stateFile: Body = {}): Promise<Response> {
    const view = await openImportForm(where);
    service().slack.serveFile(file);
    return service().send(
      submitImport(where, view, null, [{ ...service().slack.fileObject(file), ...stateFile }]),
    );
  }

  /** A press on the Import button of the ephemeral preview. */
  function pressImport(where: Where, value: string): SlackRequest {
    const payload = {
      type: 'block_actions',
      user: { id: where.user, username: where.user.toLowerCase(), team_id: where.team },
      api_app_id: 'A0ARISING',
      token: 'deprecated-verification-token',
      container: {
        type: 'message',
        message_ts: '1700000000.999999',
        channel_id: where.channel,
        is_ephemeral: true,
      },
      trigger_id: 'trigger-import-confirm',
      team: { id: where.team, domain: 'example' },
      channel: { id: where.channel, name: 'committee' },
      message: { type: 'message', ts: '1700000000.999999', text: 'preview' },
      response_url: service().slack.responseUrl('confirm'),
      actions: [
        {
          type: 'button',
          action_id: 'import-confirm',
          block_id: 'b1',
          value,
          action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
        },
      ],
    };
    const form = new URLSearchParams({ payload: JSON.stringify(payload) });
    return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }

  /** Pastes `minutes` into the import form in `channel`, presses Import, and returns the answer. */
  async function pasteAndImport(channel: string, minutes: string): Promise<Body | undefined> {
    const here = { ...service().where, channel };
    const view = await openImportForm(here);
    await service().send(submitImport(here, view, minutes, []));
    const [preview] = await service().slack.waitForCalls('response_url');
    service().slack.reset();
    await service().send(pressImport(here, buttonValue(preview?.body, 'import-confirm')));
    const [answer] = await service().slack.waitForCalls('response_url', 1, 15_000);
    return answer?.body;
  }

  return { openImportForm, submitImport, submitFile, pressImport, pasteAndImport };
}
