/**
 * Why a document cannot be read as minutes, in one line a person can act on. The documents module is
 * shared by the CLI, Slack and Teams, so it says only what went wrong; each caller decides how to show
 * it (the CLI as a line on stderr and an exit status, chat as a `bad_minutes` reply).
 */

/** `not-found`: no file at that path (the CLI's command line is wrong); `unreadable`: the file is not minutes. */
export type DocumentErrorKind = 'not-found' | 'unreadable';

export class DocumentError extends Error {
  readonly kind: DocumentErrorKind;
  constructor(message: string, kind: DocumentErrorKind = 'unreadable') {
    super(message);
    this.name = 'DocumentError';
    this.kind = kind;
  }
}
