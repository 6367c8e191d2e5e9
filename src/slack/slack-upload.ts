/**
 * Sharing a file in a Slack conversation, the way Slack asks apps to now (files.upload is retired):
 * files.getUploadURLExternal names the file and its size and hands out an upload address, the bytes are
 * POSTed there, and files.completeUploadExternal shares the file in the channel with a comment. All
 * three need the `files:write` scope. The upload address is Slack's own and takes no token.
 */
import type { WebClient } from './slack-api';

const UPLOAD_TIMEOUT_MS = 30_000;

export interface FileToShare {
  bytes: Uint8Array;
  filename: string;
  /** The file's title in Slack. */
  title: string;
  /** Where it is shared: a channel id, or the id of a DM with the bot. */
  channel: string;
  /** The message the file comes with. */
  comment: string;
}

export async function shareFile(client: WebClient, file: FileToShare): Promise<void> {
  const started = await client.files.getUploadURLExternal({
    filename: file.filename,
    length: file.bytes.byteLength,
  });
  if (!started.upload_url || !started.file_id) {
    throw new Error('files.getUploadURLExternal gave no upload address');
  }
  const response = await fetch(started.upload_url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file.bytes,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`Slack's upload address answered ${response.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: started.file_id, title: file.title }],
    channel_id: file.channel,
    initial_comment: file.comment,
  });
}
