/**
 * `import` in Teams: the minutes come as text after the word (the core reads that itself) or as a file
 * attached to the message, which is fetched here and read as the CLI reads a file (.txt, .md, .docx,
 * src/cli/read-document.ts); the core then shows what it found with Import and Cancel.
 *
 * Where Teams puts a file:
 * - In a personal chat, with `supportsFiles` in the manifest, a file arrives as a
 *   `application/vnd.microsoft.teams.file.download.info` attachment whose `downloadUrl` needs no sign-in.
 * - Elsewhere (the Emulator, other channels) an attachment's `contentUrl` can be fetched directly.
 * - A file shared in a Teams channel lives in SharePoint and needs Microsoft Graph permissions the bot
 *   does not ask for: fetching it fails, and the user is told to send it in a personal chat or paste it.
 *
 * Fetching is bounded: 5 MB, 20 seconds, https only when the bot runs with credentials (plain http only
 * for the Emulator and tests).
 */
import { extname } from 'node:path';
import { DocumentError } from '../cli/cli-io';
import { documentText, MAX_DOCUMENT_BYTES } from '../cli/read-document';
import { UserError } from '../core/errors';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const FETCH_TIMEOUT_MS = 20_000;
const SUPPORTED = ['.txt', '.md', '.markdown', '.docx'];

export const CANNOT_FETCH =
  'I could not open that file. Files shared in a channel are kept in SharePoint, which Arising cannot read: ' +
  'send the file to Arising in a personal chat, or paste the minutes after the word `import`.';

export interface AttachedFile {
  name: string;
  url: string;
}

interface RawAttachment {
  contentType?: unknown;
  contentUrl?: unknown;
  name?: unknown;
  content?: unknown;
}

/** The files attached to a message that could be minutes (cards and the message's own HTML are not). */
export function attachedFiles(attachments: unknown): AttachedFile[] {
  if (!Array.isArray(attachments)) return [];
  const files: AttachedFile[] = [];
  for (const raw of attachments as RawAttachment[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const name = typeof raw.name === 'string' ? raw.name : '';
    if (raw.contentType === FILE_DOWNLOAD_INFO) {
      const url = (raw.content as { downloadUrl?: unknown } | undefined)?.downloadUrl;
      if (typeof url === 'string') files.push({ name, url });
      continue;
    }
    const type = typeof raw.contentType === 'string' ? raw.contentType : '';
    if (type === 'text/html' || type.startsWith('application/vnd.microsoft.card')) continue;
    if (typeof raw.contentUrl === 'string' && name !== '') files.push({ name, url: raw.contentUrl });
  }
  return files;
}

export interface ImportFetchOptions {
  /** Allow plain http URLs (only when the bot runs without credentials: Emulator, tests). */
  allowHttp: boolean;
  fetch?: typeof fetch;
}

/** The minutes text of an attached file; every problem is a UserError saying what to do. */
export async function readAttachedFile(file: AttachedFile, options: ImportFetchOptions): Promise<string> {
  const ext = extname(file.name).toLowerCase();
  if (!SUPPORTED.includes(ext)) {
    throw new UserError(
      'bad_minutes',
      `${file.name || 'That file'} is not a minutes document I can read: attach a .docx, .md or .txt file.`,
    );
  }
  const bytes = await download(file, options);
  try {
    return await documentText(bytes, file.name);
  } catch (error) {
    if (error instanceof DocumentError) throw new UserError('bad_minutes', error.message);
    throw error;
  }
}

async function download(file: AttachedFile, options: ImportFetchOptions): Promise<Buffer> {
  let url: URL;
  try {
    url = new URL(file.url);
  } catch {
    throw new UserError('bad_minutes', CANNOT_FETCH);
  }
  const allowed = url.protocol === 'https:' || (options.allowHttp && url.protocol === 'http:');
  if (!allowed) throw new UserError('bad_minutes', CANNOT_FETCH);
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  } catch {
    throw new UserError('bad_minutes', CANNOT_FETCH);
  }
  if (!response.ok || !response.body) throw new UserError('bad_minutes', CANNOT_FETCH);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_DOCUMENT_BYTES) {
    throw new UserError('bad_minutes', `${file.name} is over 5 MB; minutes documents are limited to 5 MB.`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.length;
    if (total > MAX_DOCUMENT_BYTES) {
      throw new UserError('bad_minutes', `${file.name} is over 5 MB; minutes documents are limited to 5 MB.`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
