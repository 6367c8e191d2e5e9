/**
 * Reading minutes a user uploaded in the import modal's file_input. The submission names the file; Slack
 * describes it (files.info, with the bot token and the `files:read` scope) and serves its bytes at its
 * `url_private_download`, again only with the bot token. The bytes are then read exactly as the CLI and
 * Teams read a document (src/documents/read-document.ts: .txt, .md, .docx, 5 MB, no binary).
 *
 * The token never leaves Slack: a download address is fetched only when its origin is Slack's file host
 * (https://files.slack.com) or the origin of the configured SLACK_API_URL, and redirects are followed by
 * hand under the same rule. Anything else is refused before a byte is sent, so a forged file object
 * cannot make the bot hand its token to another host.
 */
import { extname } from 'node:path';
import { UserError } from '../core/errors';
import type { Logger } from '../core/logger';
import { DocumentError } from '../documents/document-error';
import { documentText, MAX_DOCUMENT_BYTES } from '../documents/read-document';
import type { WebClient } from './slack-api';

/** Where Slack serves uploaded files to apps. */
export const SLACK_FILES_ORIGIN = 'https://files.slack.com';
/** The extensions the import form accepts (file_input's `filetypes`), and the reader can read. */
export const MINUTES_FILETYPES = ['txt', 'md', 'docx', 'pdf'];
const READABLE = new Set(['.txt', '.md', '.markdown', '.docx', '.pdf']);
const FETCH_TIMEOUT_MS = 20_000;
const MAX_REDIRECTS = 3;

const TRY_AGAIN = 'Upload it again, or paste the minutes instead.';

export const NEEDS_FILES_READ =
  'Slack did not let Arising read the uploaded file: the app needs the `files:read` permission. ' +
  'Ask whoever looks after Arising to reinstall it from the current manifest, or paste the minutes instead.';

/** A file named in a file_input's value. */
export interface UploadedFileRef {
  id: string;
  name?: string;
}

export interface FileReadOptions {
  logger: Logger;
  fetch?: typeof fetch;
}

/** True when the bot token may be sent to `url`: Slack's file host or the configured API's own origin. */
export function isSlackFileUrl(url: string, apiUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username || target.password) return false;
  if (target.origin === SLACK_FILES_ORIGIN) return true;
  try {
    return target.origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}

/** The minutes text of an uploaded file; every problem the user can act on is a UserError saying what. */
export async function readUploadedMinutes(
  client: WebClient,
  file: UploadedFileRef,
  options: FileReadOptions,
): Promise<string> {
  const info = await describeFile(client, file);
  const name = info.name ?? file.name ?? 'The file';
  if (!READABLE.has(extname(name).toLowerCase())) {
    throw new UserError(
      'bad_minutes',
      `${name} is not a minutes document I can read: upload a .docx, .pdf, .md or .txt file, or paste the minutes.`,
    );
  }
  if (typeof info.size === 'number' && info.size > MAX_DOCUMENT_BYTES) {
    throw new UserError('bad_minutes', `${name} is over 5 MB; minutes documents are limited to 5 MB.`);
  }
  const url = info.url_private_download ?? info.url_private;
  if (!url) throw new UserError('bad_minutes', `Slack gave no download address for ${name}. ${TRY_AGAIN}`);
  const bytes = await download(client, url, name, options);
  try {
    return await documentText(bytes, name);
  } catch (error) {
    if (error instanceof DocumentError) throw new UserError('bad_minutes', error.message);
    throw error;
  }
}

interface FileInfo {
  name?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

/** files.info for the uploaded file: its name, size and download address as Slack itself gives them. */
async function describeFile(client: WebClient, file: UploadedFileRef): Promise<FileInfo> {
  try {
    const answer = await client.files.info({ file: file.id });
    if (!answer.file) throw new Error('files.info returned no file');
    return answer.file;
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    if (code === 'missing_scope' || code === 'not_allowed_token_type') {
      throw new UserError('bad_minutes', NEEDS_FILES_READ);
    }
    if (typeof code === 'string') {
      throw new UserError(
        'bad_minutes',
        `Slack could not find ${file.name ?? 'the uploaded file'} (${code}). ${TRY_AGAIN}`,
      );
    }
    throw error;
  }
}

/** The file's bytes, fetched with the bot token from Slack only, at most 5 MB, within 20 seconds. */
async function download(
  client: WebClient,
  url: string,
  name: string,
  options: FileReadOptions,
): Promise<Buffer> {
  const token = client.token;
  if (!token) throw new Error('The Slack client has no bot token to download files with');
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  let target = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!isSlackFileUrl(target, client.slackApiUrl)) {
      options.logger.warn(`Refused to fetch an uploaded file from outside Slack: ${safeOrigin(target)}`);
      throw new UserError(
        'bad_minutes',
        `The address of ${name} is not on Slack, so Arising did not fetch it. ${TRY_AGAIN}`,
      );
    }
    let response: Response;
    try {
      response = await doFetch(target, {
        headers: { authorization: `Bearer ${token}` },
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      options.logger.warn(`Could not download ${name} from Slack:`, error);
      throw new UserError('bad_minutes', `I could not download ${name} from Slack. ${TRY_AGAIN}`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      target = new URL(location, target).toString();
      continue;
    }
    return readBody(response, name);
  }
  throw new UserError('bad_minutes', `Slack kept redirecting the download of ${name}. ${TRY_AGAIN}`);
}

async function readBody(response: Response, name: string): Promise<Buffer> {
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new UserError('bad_minutes', `Slack answered ${response.status} for ${name}. ${TRY_AGAIN}`);
  }
  // Without the right scope Slack answers with its sign-in page instead of the file.
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    await response.body.cancel();
    throw new UserError('bad_minutes', NEEDS_FILES_READ);
  }
  const tooBig = `${name} is over 5 MB; minutes documents are limited to 5 MB.`;
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_DOCUMENT_BYTES) {
    await response.body.cancel();
    throw new UserError('bad_minutes', tooBig);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      total += chunk.length;
      if (total > MAX_DOCUMENT_BYTES) throw new UserError('bad_minutes', tooBig);
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('bad_minutes', `The download of ${name} from Slack broke off. ${TRY_AGAIN}`);
  }
  return Buffer.concat(chunks);
}

/** The origin of an address, for a log line (never its path, which may carry secrets). */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an address that is not a URL';
  }
}
