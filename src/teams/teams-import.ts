/**
 * `import` in Teams: the minutes come as text after the word (the core reads that itself) or as a file
 * attached to the message, which is fetched here and read as the CLI reads a file (.txt, .md, .docx,
 * src/documents/read-document.ts); the core then shows what it found with Import and Cancel.
 *
 * Where Teams puts a file:
 * - In a personal chat, with `supportsFiles` in the manifest, a file arrives as a
 *   `application/vnd.microsoft.teams.file.download.info` attachment whose `downloadUrl` needs no sign-in.
 * - Elsewhere (the Emulator, other channels) an attachment's `contentUrl` can be fetched directly.
 * - A file shared in a Teams channel lives in SharePoint and needs Microsoft Graph permissions the bot
 *   does not ask for: fetching it fails, and the user is told to send it in a personal chat or paste it.
 *
 * Fetching is bounded (5 MB, 20 seconds) and guarded (file-fetch.ts): with credentials, https from the
 * hosts Teams keeps files on and never from a private or loopback address; with TEAMS_EMULATOR=on, from
 * loopback only. A file from anywhere else is not fetched, and the user is told why.
 */
import { extname } from 'node:path';
import { UserError } from '../core/errors';
import { DocumentError } from '../documents/document-error';
import { documentText, MAX_DOCUMENT_BYTES } from '../documents/read-document';
import { FileRefused, type FileSource, FileTooLarge, FileUnavailable, fetchFile } from './file-fetch';

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const FETCH_TIMEOUT_MS = 20_000;
const SUPPORTED = ['.txt', '.md', '.markdown', '.docx', '.pdf'];

export const CANNOT_FETCH =
  'I could not open that file. Files shared in a channel are kept in SharePoint, which Arising cannot read: ' +
  'send the file to Arising in a personal chat, or paste the minutes after the word `import`.';

/** Why a file was not fetched at all: its URL is not one the mode allows (file-fetch.ts). */
export const NOT_OPENED: Record<FileSource, string> = {
  'bot-framework':
    'I did not open that file: Arising opens only files that Teams keeps in OneDrive or SharePoint, and that ' +
    'link points elsewhere. Send the file to Arising in a personal chat, or paste the minutes after the word `import`.',
  loopback:
    'I did not open that file: with TEAMS_EMULATOR=on, Arising opens only files on this machine (a loopback ' +
    'address). Paste the minutes after the word `import` instead.',
};

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
  /** Where files may come from: the Bot Framework's hosts (verified mode) or loopback (emulator mode). */
  source: FileSource;
}

/** The minutes text of an attached file; every problem is a UserError saying what to do. */
export async function readAttachedFile(file: AttachedFile, options: ImportFetchOptions): Promise<string> {
  const ext = extname(file.name).toLowerCase();
  if (!SUPPORTED.includes(ext)) {
    throw new UserError(
      'bad_minutes',
      `${file.name || 'That file'} is not a minutes document I can read: attach a .docx, .pdf, .md or .txt file.`,
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
  try {
    return await fetchFile(file.url, options.source, {
      maxBytes: MAX_DOCUMENT_BYTES,
      timeoutMs: FETCH_TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof FileRefused) throw new UserError('bad_minutes', NOT_OPENED[options.source]);
    if (error instanceof FileTooLarge) {
      throw new UserError('bad_minutes', `${file.name} is over 5 MB; minutes documents are limited to 5 MB.`);
    }
    if (error instanceof FileUnavailable) throw new UserError('bad_minutes', CANNOT_FETCH);
    throw error;
  }
}
